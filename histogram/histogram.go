// Package histogram reads JVM class histograms and compares snapshots of them:
// what is growing, and how steadily.
//
// Formats (see Format):
//   - HotSpot JDK 6 to 8: jmap -histo[:live] and jcmd GC.class_histogram,
//     including the narrow columns of early JDK 6 and the permgen internals
//     (<constMethodKlass>) of JDK 6 and 7;
//   - HotSpot JDK 9 to 25: the same with a module suffix, "[B (java.base@17.0.15)";
//   - the jcmd wrapper: a "PID:" line before each histogram, several JVMs
//     concatenated, and jcmd's own errors;
//   - histograms inside GC logs: JDK 8 -XX:+PrintClassHistogramBefore/AfterFullGC,
//     JDK 9+ -Xlog:gc+classhisto*=trace (decorations and "GC(n)" are peeled),
//     and -XX:+PrintClassHistogram output after a thread dump;
//   - the serviceability agent: jmap -F (JDK 5 to 8) and jhsdb jmap --histo (9+),
//     including JDK 5's Size-before-Count layout;
//   - OpenJ9 and IBM: jmap -histo and jcmd GC.class_histogram.
//
// Class names are canonical (see Canonical): "[B" and "byte[]" are one class,
// module versions are dropped, the run-specific suffixes of lambdas and other
// hidden classes are removed, and rows of one class from several class loaders
// are merged (Class.Rows counts them).
//
// Reading streams: a Reader holds the class table of the histogram being read
// and one line, so memory grows with the number of classes, not with the size
// of the input (a GC log with hundreds of histograms is read in one pass).
// Snapshots returned by Reader.Snapshot, and the results of Diff and Trend,
// belong to the caller; they share no memory with the Reader.
//
// Lines that look like histogram rows but cannot be read are counted
// (Snapshot.Unparsed) and reported with their position (Reader.Problems); only
// I/O errors stop a read.
package histogram

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// Format is the layout of a histogram.
type Format uint8

const (
	FormatUnknown Format = iota
	// FormatHotSpot is jmap -histo and jcmd GC.class_histogram of JDK 6 to 8:
	// "   1:   27531   11065800  [B".
	FormatHotSpot
	// FormatHotSpotModules is the same from JDK 9 on, with a module suffix:
	// "   1:   27531   11065800  [B (java.base@17.0.15)".
	FormatHotSpotModules
	// FormatSA is the serviceability agent (jmap -F up to JDK 8, jhsdb jmap
	// --histo from 9): tab-separated, Java-style names, "1:\t\t27531\t11065800\tbyte[]".
	FormatSA
	// FormatSA5 is the JDK 5 serviceability agent: no rank, size before count,
	// "3722768 30467  * ConstMethodKlass".
	FormatSA5
	// FormatOpenJ9 is OpenJ9 and IBM J9: no colon after the rank,
	// "    1           3354         107328    [C".
	FormatOpenJ9
)

var formatNames = [...]string{"unknown", "hotspot", "hotspot-modules", "sa", "sa-jdk5", "openj9"}

func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// MarshalText writes the format's name.
func (f Format) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// Objects tells which objects a histogram counts.
type Objects uint8

const (
	// ObjectsUnknown: the histogram does not say, nor does its file name.
	ObjectsUnknown Objects = iota
	// ObjectsLive: reachable objects only (jmap -histo:live, jcmd
	// GC.class_histogram, a histogram after a full GC).
	ObjectsLive
	// ObjectsAll: every object in the heap, garbage included (jmap -histo,
	// jcmd GC.class_histogram -all, the serviceability agent, a histogram
	// before a full GC).
	ObjectsAll
)

var objectsNames = [...]string{"unknown", "live", "all"}

func (o Objects) String() string {
	if int(o) < len(objectsNames) {
		return objectsNames[o]
	}
	return fmt.Sprintf("Objects(%d)", int(o))
}

// MarshalText writes "unknown", "live" or "all".
func (o Objects) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// Count is a number of instances and their size in bytes.
type Count struct {
	Instances int64 `json:"instances"`
	Bytes     int64 `json:"bytes"`
}

// Class is one class of a snapshot.
type Class struct {
	Name   string // canonical name, see Canonical
	Module string // module without its version; empty for the unnamed module or when the format has none
	Count
	Rows int // rows merged into this one: class-loader duplicates and collapsed hidden classes
}

// Snapshot is one class histogram.
type Snapshot struct {
	Source  string    // the name the Reader was given
	Line    int       // line of the histogram's header
	Format  Format    // layout of the rows
	Objects Objects   // live or all objects, when the histogram or its file name says
	Time    time.Time // when the histogram was taken, when its content says; zero otherwise
	PID     string    // process id, from jcmd's "PID:" line or the agent's "Attaching to process ID"
	JVM     string    // JVM version when the content says (module versions, "JVM version is")

	Classes []Class // in the order of first appearance, largest first in every known format

	Rows      int   // rows read
	Sum       Count // sum of the rows read
	Total     Count // the Total line; meaningful when HasTotal
	HasTotal  bool  // false when the histogram was cut before its Total line (JDK 5 agent histograms, which have none, count as whole)
	TotalLine int   // line of the Total line
	MinBytes  int64 // the smallest row's bytes: the cut-off of a truncated histogram
	Unparsed  int   // lines inside the histogram that could not be read

	index map[string]int32
}

// Truncated reports whether the histogram lacks its Total line (jmap -histo |
// head, a log cut short). A class missing from a truncated histogram is below
// its cut-off, not absent.
func (s *Snapshot) Truncated() bool { return !s.HasTotal }

// Lookup returns the class with the given canonical name.
func (s *Snapshot) Lookup(name string) (Class, bool) {
	if i, ok := s.index[name]; ok {
		return s.Classes[i], true
	}
	return Class{}, false
}

// Lookup of a class missing from s: zero when s is complete, unknown when s
// is truncated.
func (s *Snapshot) count(name string) (Count, bool) {
	if c, ok := s.Lookup(name); ok {
		return c.Count, true
	}
	return Count{}, s.HasTotal
}

// add appends one row to the class table; index merges duplicates.
func (s *Snapshot) add(name []byte, module string, c Count) {
	s.Rows++
	s.Sum.Instances += c.Instances
	s.Sum.Bytes += c.Bytes
	if s.Rows == 1 || c.Bytes < s.MinBytes {
		s.MinBytes = c.Bytes
	}
	s.Classes = append(s.Classes, Class{Name: names.intern(name), Module: module, Count: c, Rows: 1})
}

// names interns class names: a trend reads the same ten thousand names from
// every snapshot, and one string each is enough. Strings are immutable, so
// snapshots can share them; the table stops growing at maxInterned names.
var names = internTable{m: map[string]string{}}

const maxInterned = 1 << 20

type internTable struct {
	mu sync.Mutex
	m  map[string]string
}

func (t *internTable) intern(b []byte) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if s, ok := t.m[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(t.m) < maxInterned {
		t.m[s] = s
	}
	return s
}

// index builds the name index once the histogram is read, merging the rows
// of one class (several class loaders, collapsed hidden classes) into the
// first.
func (s *Snapshot) buildIndex() {
	s.index = make(map[string]int32, len(s.Classes))
	out := s.Classes[:0]
	for _, c := range s.Classes {
		if i, ok := s.index[c.Name]; ok {
			m := &out[i]
			m.Instances += c.Instances
			m.Bytes += c.Bytes
			m.Rows += c.Rows
			continue
		}
		s.index[c.Name] = int32(len(out))
		out = append(out, c)
	}
	clear(s.Classes[len(out):])
	s.Classes = out
}

// Label names the snapshot for messages: its source and the line of its header.
func (s *Snapshot) Label() string { return fmt.Sprintf("%s:%d", s.Source, s.Line) }

// IsFiller reports whether a class is the JVM's dead-space filler (JDK 21+
// "[Ljdk.internal.vm.FillerElement;", and FillerArray/FillerObject), which
// appears even in live histograms and is not an application class. Diff and
// Trend leave fillers out.
func IsFiller(name string) bool {
	return strings.HasPrefix(name, "jdk.internal.vm.Filler")
}

// Pos is a position in the input: a source name and a 1-based line number
// (0 when the position is the whole source).
type Pos struct {
	Source string
	Line   int
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.Source
	}
	return fmt.Sprintf("%s:%d", p.Source, p.Line)
}

// Problem is a line that could not be read, or a reason why a source holds no
// histogram, with its position.
type Problem struct {
	Pos
	Msg  string // what is wrong, lower case
	Text string // the line, cut to 120 bytes; may be empty
}

func (p *Problem) Error() string {
	if p.Text == "" {
		return fmt.Sprintf("%s: %s", p.Pos, p.Msg)
	}
	return fmt.Sprintf("%s: %s: %q", p.Pos, p.Msg, p.Text)
}
