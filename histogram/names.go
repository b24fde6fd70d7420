package histogram

import "bytes"

// Canonical returns the canonical spelling of a class name as a histogram
// prints it (without the module suffix), so that snapshots from different
// tools and runs match:
//   - JVM descriptors become Java names: "[B" is "byte[]", "[[I" is "int[][]",
//     "[Ljava.lang.String;" is "java.lang.String[]" (the agent's spelling);
//   - the agent's internal "* ConstMethodKlass" is jmap's "<constMethodKlass>";
//   - hidden and anonymous classes lose their run-specific suffix:
//     "Foo$$Lambda$12/0x00007fa530005410", "Foo$$Lambda/0x000000003b044200",
//     "Foo$$Lambda+0x0000000030043428" and "Foo$$Lambda$53/635371680" are all
//     "Foo$$Lambda"; "LambdaForm$MH/0x..." is "LambdaForm$MH".
//
// Any other name, spaces and non-ASCII characters included, is kept as is.
func Canonical(name string) string {
	c, _ := canonical(nil, []byte(name))
	return string(c)
}

// canonical appends the canonical form of name to buf (or returns name
// itself when it is already canonical) and reports whether the name was a
// hidden class whose suffix was dropped.
func canonical(buf, name []byte) ([]byte, bool) {
	if len(name) == 0 {
		return name, false
	}
	switch name[0] {
	case '[':
		return descriptor(buf, name)
	case '*':
		// Agent internals of JDK 5 to 7: "* ConstMethodKlass" -> "<constMethodKlass>".
		if len(name) > 2 && name[1] == ' ' && name[2] >= 'A' && name[2] <= 'Z' && bytes.HasSuffix(name, []byte("Klass")) {
			buf = append(buf[:0], '<', name[2]+'a'-'A')
			buf = append(buf, name[3:]...)
			return append(buf, '>'), false
		}
		return name, false
	}
	cut, hidden := hiddenBase(name)
	return cut, hidden
}

// hiddenBase removes the run-specific suffix of a hidden or anonymous class
// name: "/0x...", "+0x..." (the agent), "/123456" (JDK 8), and then the
// "$12" counter of a JDK 8 to 20 lambda.
func hiddenBase(name []byte) ([]byte, bool) {
	// Most names have neither '/' nor '+': told by a forward search, which
	// is vectorised (LastIndexByte is a loop over the bytes).
	i := -1
	if bytes.IndexByte(name, '/') >= 0 {
		i = bytes.LastIndexByte(name, '/')
	}
	if i < 0 {
		if bytes.IndexByte(name, '+') < 0 {
			return name, false
		}
		i = bytes.LastIndex(name, []byte("+0x"))
		if i < 0 {
			return name, false
		}
	}
	if i == 0 || !hexSuffix(name[i+1:]) {
		return name, false
	}
	name = name[:i]
	// "Foo$$Lambda$12" -> "Foo$$Lambda"
	if j := bytes.LastIndexByte(name, '$'); j > 0 && j+1 < len(name) && allDigits(name[j+1:]) &&
		bytes.HasSuffix(name[:j], []byte("$$Lambda")) {
		name = name[:j]
	}
	return name, true
}

// hexSuffix reports whether b is "0x" and hex digits, or decimal digits.
func hexSuffix(b []byte) bool {
	if len(b) > 2 && b[0] == '0' && b[1] == 'x' {
		for _, c := range b[2:] {
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
		return true
	}
	return len(b) > 0 && allDigits(b)
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// descriptor turns an array descriptor into its Java name. A malformed
// descriptor is kept as is.
func descriptor(buf, name []byte) ([]byte, bool) {
	dims := 0
	for dims < len(name) && name[dims] == '[' {
		dims++
	}
	elem := name[dims:]
	var base []byte
	hidden := false
	switch {
	case len(elem) == 1:
		switch elem[0] {
		case 'B':
			base = []byte("byte")
		case 'C':
			base = []byte("char")
		case 'D':
			base = []byte("double")
		case 'F':
			base = []byte("float")
		case 'I':
			base = []byte("int")
		case 'J':
			base = []byte("long")
		case 'S':
			base = []byte("short")
		case 'Z':
			base = []byte("boolean")
		default:
			return name, false
		}
	case len(elem) > 2 && elem[0] == 'L' && elem[len(elem)-1] == ';':
		base, hidden = hiddenBase(elem[1 : len(elem)-1])
	default:
		return name, false
	}
	buf = append(buf[:0], base...)
	for range dims {
		buf = append(buf, '[', ']')
	}
	return buf, hidden
}

// moduleByte reports whether c can be part of a "module@version".
func moduleByte(c byte) bool { return moduleBytes[c] }

// moduleBytes is moduleByte by a table: peelModule asks for every byte of
// every row's module.
var moduleBytes = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' || c == '@' || c == '+' || c == '$'
	}
	return t
}()

// peelModule splits a trailing " (module@version)" off a JDK 9+ row's name.
// Names with spaces are kept whole: only a last parenthesised word that looks
// like a module name is peeled.
func peelModule(name []byte) (cls, module, version []byte) {
	if len(name) < 4 || name[len(name)-1] != ')' {
		return name, nil, nil
	}
	// The module is read backwards from the ')' to the " (" before it: a
	// byte that cannot be in a module name before that means none. (A
	// " (" further on would have stopped the walk at its '('.)
	k := len(name) - 2
	for k >= 0 && moduleByte(name[k]) {
		k--
	}
	if k < 2 || name[k] != '(' || name[k-1] != ' ' || k == len(name)-2 {
		return name, nil, nil
	}
	i, mod := k-1, name[k+1:len(name)-1]
	cls = bytes.TrimRight(name[:i], " \t")
	if j := bytes.IndexByte(mod, '@'); j >= 0 {
		return cls, mod[:j], mod[j+1:]
	}
	return cls, mod, nil
}
