package gclog

// A family is one log format: HotSpot unified logging, HotSpot legacy
// logging, OpenJ9 XML, and so on. Each lives in its own file.
type family struct {
	name string
	// claims reports whether a line could only have been written by this
	// family. The first claimed line selects the family; lines before it are
	// replayed to the parser, which decides what they are.
	claims func(line []byte) bool
	// newParser returns a parser that sends what it finds to out.
	newParser func(out *emitter) lineParser
}

// A lineParser turns lines into events. It is a state machine over lines:
// multi-line records are kept in the parser until they are complete.
type lineParser interface {
	// parse handles one line; text is valid only during the call.
	parse(text []byte, pos Pos)
	// flush is called at the end of the input: emit whatever is complete
	// enough to report, and count the rest as unparsed.
	flush()
}

// families is the ordered list of formats tried on each line until one
// claims it. Order matters where one family's lines could look like another's:
// put the more specific first.
var families = []family{
	unifiedFamily,
	legacyFamily,
	// IBM, JRockit and HP-UX formats: their lines start with markers no
	// HotSpot log writes.
	j9Family,
	ibmTextFamily,
	jrockitFamily,
	hpuxFamily,
}

// detect returns the family that claims line, or nil.
func detect(line []byte) *family {
	for i := range families {
		if families[i].claims(line) {
			return &families[i]
		}
	}
	return nil
}
