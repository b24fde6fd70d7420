package histogram

import (
	"bytes"
	"testing"
)

// FuzzParse feeds the parser every sample input and mutations of it: no
// panic, no hang, and the sums it reports agree with its classes.
func FuzzParse(f *testing.F) {
	for _, rel := range inputs(f) {
		f.Add(readInput(f, rel))
	}
	f.Add([]byte("1:\n num #instances #bytes class name\n   1: 1 1 [L;\nTotal 1 1\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		r := NewReader(bytes.NewReader(in), "fuzz")
		for r.Scan() {
			s := r.Snapshot()
			var sum Count
			rows := 0
			for _, c := range s.Classes {
				sum.Instances += c.Instances
				sum.Bytes += c.Bytes
				rows += c.Rows
			}
			if sum != s.Sum || rows != s.Rows {
				t.Fatalf("classes sum to %v in %d rows, snapshot says %v in %d", sum, rows, s.Sum, s.Rows)
			}
			Check([]*Snapshot{s, s})
			Diff(s, s, Options{})
		}
		_ = r.NoHistogram()
	})
}

// FuzzPeelModule checks peelModule's backward walk against the plain
// reading of its rule: the text after the last " (" of a name ending in ')'
// is the module when every byte of it can be in one.
func FuzzPeelModule(f *testing.F) {
	for _, s := range []string{"java.lang.String (java.base@17)", "Foo (app)", "a (b) (c@1)", "x ()", " (m)", "  (m)",
		"a b (c d)", "a (b(c)", "a ((b)", "[B (java.base@17.0.2)", "Foo$$Lambda/0x1 (app@1.0)", "Foo\t (m)"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, name []byte) {
		cls, mod, ver := peelModule(name)
		wantCls, wantMod, wantVer := peelModuleByRule(name)
		if !bytes.Equal(cls, wantCls) || !bytes.Equal(mod, wantMod) || !bytes.Equal(ver, wantVer) || (mod == nil) != (wantMod == nil) {
			t.Fatalf("peelModule(%q) = %q, %q, %q; want %q, %q, %q", name, cls, mod, ver, wantCls, wantMod, wantVer)
		}
	})
}

// peelModuleByRule is peelModule as first written, by a search for the last
// " (": the oracle of FuzzPeelModule.
func peelModuleByRule(name []byte) (cls, module, version []byte) {
	if len(name) < 4 || name[len(name)-1] != ')' {
		return name, nil, nil
	}
	i := bytes.LastIndex(name, []byte(" ("))
	if i <= 0 {
		return name, nil, nil
	}
	mod := name[i+2 : len(name)-1]
	if len(mod) == 0 {
		return name, nil, nil
	}
	for _, c := range mod {
		if !moduleByte(c) {
			return name, nil, nil
		}
	}
	cls = bytes.TrimRight(name[:i], " \t")
	if j := bytes.IndexByte(mod, '@'); j >= 0 {
		return cls, mod[:j], mod[j+1:]
	}
	return cls, mod, nil
}
