package gclog

import (
	"sync"
	"time"
	"unsafe"
)

// Kind says what a collection did. Collector-specific names stay in Event.Name;
// Kind is what analysis needs to compare collectors.
type Kind uint8

const (
	KindUnknown     Kind = iota
	KindYoung            // a young (minor) collection: DefNew, ParNew, PSYoungGen, G1 Pause Young, ZGC Minor, OpenJ9 scavenge
	KindMixed            // G1 mixed collection: young plus some old regions
	KindFull             // a stop-the-world collection of the whole heap: Full GC, Pause Full, OpenJ9 global
	KindInitialMark      // the pause that starts a concurrent cycle (CMS initial mark, Shenandoah Init Mark, ZGC Mark Start)
	KindRemark           // the pause that ends concurrent marking (CMS remark, G1 Remark, Shenandoah Final Mark, ZGC Mark End)
	KindCleanup          // G1 Cleanup pause, Shenandoah update-refs pauses and other short STW steps of a concurrent cycle
	KindConcurrent       // a whole concurrent cycle or phase: G1 Concurrent Mark Cycle, a ZGC or Shenandoah cycle, CMS concurrent phases
	KindDegenerated      // Shenandoah degenerated GC: a concurrent cycle finished stop-the-world
)

var kindNames = [...]string{"unknown", "young", "mixed", "full", "initial-mark", "remark", "cleanup", "concurrent", "degenerated"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// MarshalText makes a Kind read as its name in JSON.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Unknown marks a size or count the log does not give.
const Unknown int64 = -1

// Sizes is the occupancy of the heap or of one space around a collection, in
// bytes; Unknown where the log does not say.
type Sizes struct {
	Before   int64
	After    int64
	Capacity int64 // capacity after the collection (committed size)
}

// NoSizes is the value of a Sizes the log says nothing about.
var NoSizes = Sizes{Unknown, Unknown, Unknown}

// Known reports whether the log gave at least the size after the collection.
func (s Sizes) Known() bool { return s.After != Unknown }

// Space is one area of the heap or of native memory as the log names it.
type Space struct {
	Name string // canonical names: young, eden, survivor, old, humongous, metaspace, class, perm; others as logged
	Sizes
}

// Event is one garbage collection, or one step of a concurrent cycle, as the
// log reports it. It is the one model for every collector and JVM: what differs
// between collectors is data (Name, Kind, Spaces), not types.
type Event struct {
	// Where the event was read: the file and the line its first record starts on.
	Source string
	Line   int

	// When. Uptime is the time since JVM start (-1 when the log has no uptime);
	// Time is the wall-clock time (zero when the log has none).
	Uptime time.Duration
	Time   time.Time

	ID    int64  // the GC id (GC(n) in unified logging, gc id in OpenJ9); -1 if none
	Kind  Kind   // what the collection did
	Name  string // the collector's own name for it: "Pause Young (Normal)", "Full GC", "Garbage Collection", "scavenge"
	Cause string // why it ran: "Allocation Failure", "System.gc()", "G1 Evacuation Pause"; empty if not logged

	// Pause is the time application threads were stopped by this event; zero for
	// concurrent work. Duration is the wall time of a concurrent cycle or phase.
	Pause    time.Duration
	Duration time.Duration

	Heap   Sizes   // the whole heap (Java objects only; metaspace is a Space)
	Spaces []Space // every space the log reports, in the order it reports them

	// Generation is set for generational ZGC and generational Shenandoah, whose
	// young and old collections are separate events: "young", "old" or "".
	Generation string

	// Flags marks noteworthy conditions seen in the event's lines, such as
	// FlagToSpaceExhausted or FlagConcurrentModeFailure.
	Flags Flag

	// withSpaces is set when the event was allocated as the head of an
	// eventWithSpaces: it can be reused as one (Recycler).
	withSpaces bool
}

// Flag records a condition worth a finding, seen in an event's lines.
type Flag uint32

const (
	FlagSystemGC              Flag = 1 << iota // explicit System.gc() / jcmd GC.run
	FlagToSpaceExhausted                       // G1 to-space exhausted / evacuation failure
	FlagPromotionFailed                        // ParNew/CMS/Serial promotion failed
	FlagConcurrentModeFailure                  // CMS concurrent mode failure / interrupted
	FlagHumongous                              // G1 humongous allocation triggered it
	FlagMetaspace                              // triggered by Metaspace/PermGen exhaustion
	FlagAllocationStall                        // ZGC allocation stall, Shenandoah allocation failure
	FlagOutOfMemory                            // the JVM reported OutOfMemoryError or GC overhead limit
	FlagGCLocker                               // GCLocker initiated
)

var flagNames = []string{"system-gc", "to-space-exhausted", "promotion-failed", "concurrent-mode-failure",
	"humongous", "metaspace", "allocation-stall", "out-of-memory", "gc-locker"}

// Names lists the flags set, in a fixed order.
func (f Flag) Names() []string {
	var out []string
	for i, n := range flagNames {
		if f&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return out
}

// NewEvent returns an Event with every optional field set to "not logged".
func NewEvent(source string, line int) *Event {
	return &Event{Source: source, Line: line, Uptime: -1, ID: -1, Heap: NoSizes}
}

// newEventSpaces is NewEvent with room for n spaces. Up to eventSpaces of
// them are allocated with the event, in one piece: parsers that know how many
// spaces an event has save an allocation per event.
func newEventSpaces(source string, line int, n int) *Event {
	if n == 0 || n > eventSpaces {
		e := NewEvent(source, line)
		if n > 0 {
			e.Spaces = make([]Space, 0, n)
		}
		return e
	}
	x := &eventWithSpaces{ev: Event{Source: source, Line: line, Uptime: -1, ID: -1, Heap: NoSizes, withSpaces: true}}
	x.ev.Spaces = x.spaces[:0]
	return &x.ev
}

// eventSpaces is how many spaces newEventSpaces allocates with an event:
// G1 reports eight (five region kinds and three of metaspace).
const eventSpaces = 8

// eventWithSpaces is an event and room for its spaces, allocated as one.
type eventWithSpaces struct {
	ev     Event // first: an *Event with withSpaces set points to its eventWithSpaces
	spaces [eventSpaces]Space
}

// eventBlock hands out what newEventSpaces returns from blocks of
// eventBlockLen events: one allocation for several, in a parser that makes
// one event every few lines. (An event then keeps the others of its block
// alive, a few KB: readers pass events on one by one.) Events that a
// consumer gave back (Recycler) are handed out again first.
type eventBlock struct {
	spaced     []eventWithSpaces            // for events with spaces
	plain      []Event                      // for the others
	reuse      *eventBatch[eventWithSpaces] // given back, from spacedPool
	reusePlain *eventBatch[Event]           // given back, from plainPool
	idle       int                          // events until spacedPool is asked again (take)
	idlePlain  int                          // the same for plainPool
	// recycling notes that a pool gave an event back: new events are
	// then allocated one by one. A recycled event keeps its whole block
	// alive, and the events given back by a consumer go round and round
	// (or are dropped by the pools at a collection) while the parser
	// allocates anew whenever a pool is empty: blocks came to be held by
	// one event each, and a chunked scan of 2 GB of legacy logs peaked at
	// 119 MB, its live heap growing with the file.
	recycling bool
}

// Blocks hold 3 KB: 6 events with spaces, 16 without. (An allocation of
// more than 512 bytes takes an 8-byte header: 8 of 512 would take 4864.)
const (
	eventBlockLen      = 6
	eventBlockLenPlain = 16
)

// newEvent is newEventSpaces from the block.
func (b *eventBlock) newEvent(source string, line int, n int) *Event {
	if n > eventSpaces {
		return newEventSpaces(source, line, n)
	}
	if n == 0 {
		e := b.reusePlain.pop()
		if e == nil {
			e = plainPool.take(&b.reusePlain, &b.idlePlain)
		}
		if e != nil {
			*e = Event{}
			b.recycling = true
		} else if b.recycling {
			e = new(Event)
		} else {
			if len(b.plain) == 0 {
				b.plain = make([]Event, eventBlockLenPlain)
			}
			e = &b.plain[0]
			b.plain = b.plain[1:]
		}
		e.init(source, line)
		return e
	}
	x := b.reuse.pop()
	if x == nil {
		x = spacedPool.take(&b.reuse, &b.idle)
	}
	if x != nil {
		x.ev = Event{} // the spaces beyond len(Spaces) are never read
		b.recycling = true
	} else if b.recycling {
		x = new(eventWithSpaces)
	} else {
		if len(b.spaced) == 0 {
			b.spaced = make([]eventWithSpaces, eventBlockLen)
		}
		x = &b.spaced[0]
		b.spaced = b.spaced[1:]
	}
	x.ev.init(source, line)
	x.ev.Spaces, x.ev.withSpaces = x.spaces[:0], true
	return &x.ev
}

// init sets the fields of a zero event, as fresh from make, that NewEvent
// sets: the others are zero already, and not written again.
func (e *Event) init(source string, line int) {
	e.Source, e.Line = source, line
	e.Uptime, e.ID, e.Heap = -1, -1, NoSizes
}

// Space returns the sizes of the named space and whether the event reports it.
func (e *Event) Space(name string) (Sizes, bool) {
	for _, s := range e.Spaces {
		if s.Name == name {
			return s.Sizes, true
		}
	}
	return NoSizes, false
}

// SetSpace sets a space's sizes, replacing an earlier value of the same name.
func (e *Event) SetSpace(name string, s Sizes) {
	for i := range e.Spaces {
		if e.Spaces[i].Name == name {
			e.Spaces[i].Sizes = s
			return
		}
	}
	e.Spaces = append(e.Spaces, Space{Name: name, Sizes: s})
}

// IsFull reports whether the event is a stop-the-world collection of the whole
// heap: what scan counts as full_gcs.
func (e *Event) IsFull() bool { return e.Kind == KindFull }

// Canonical space names. Parsers map the log's names (PSOldGen, Tenured,
// ParOldGen, "CMS", "Old regions", "tenure") onto these.
const (
	SpaceYoung     = "young"
	SpaceEden      = "eden"
	SpaceSurvivor  = "survivor"
	SpaceOld       = "old"
	SpaceHumongous = "humongous"
	SpacePerm      = "perm"
	SpaceMetaspace = "metaspace"
	SpaceClass     = "class"
)

// Recycling events. Allocating events is most of a scan's allocation, and
// the garbage collector's work grows with it: with events held by chunks
// waiting to be delivered, marking took a fifth of a chunked scan's
// instructions. A consumer that keeps nothing of the events it reads
// (Summarize) gives them back, in batches, through spacedPool and plainPool;
// eventBlocks hand them out again. Events are the caller's (Reader.Event): only a
// consumer that owns the Reader and lets no event escape may give them back.

// spacedPool and plainPool pass events given back to eventBlocks: those
// with room for their spaces, reused as such, and the others, reused as
// events without spaces (any Event's memory can be).
var (
	spacedPool recyclePool[eventWithSpaces]
	plainPool  recyclePool[Event]
)

// A recyclePool passes batches of events given back from Recyclers to
// eventBlocks, and the emptied batches back, so that neither the events nor
// the batches are garbage.
type recyclePool[T any] struct {
	full, empty sync.Pool // of *eventBatch[T]
}

// An eventBatch is events given back at once: a pool operation per event
// would cost as much as it saves.
type eventBatch[T any] struct {
	evs []*T
}

const eventBatchLen = 128

// next returns an event from *b, taking a batch from the pool when *b is
// empty (and giving the emptied one back), or nil when none is there.
func (p *recyclePool[T]) next(b **eventBatch[T]) *T {
	if *b == nil || len((*b).evs) == 0 {
		if *b != nil {
			p.empty.Put(*b)
		}
		*b, _ = p.full.Get().(*eventBatch[T])
		if *b == nil {
			return nil
		}
	}
	evs := (*b).evs
	e := evs[len(evs)-1]
	evs[len(evs)-1] = nil
	(*b).evs = evs[:len(evs)-1]
	return e
}

// pop returns the last event of b, or nil when b is nil or empty. An
// eventBlock pops the batch in hand itself before it calls take: pop is
// inlined, take is not (a generic method's call through its dictionary
// cost ~30 instructions an event). While take waits to ask the pool again
// (idle), it has no batch in hand: pop finds none, and what take would do
// is unchanged.
func (b *eventBatch[T]) pop() *T {
	if b == nil || len(b.evs) == 0 {
		return nil
	}
	e := b.evs[len(b.evs)-1]
	b.evs[len(b.evs)-1] = nil
	b.evs = b.evs[:len(b.evs)-1]
	return e
}

// take is next, but after the pool came back empty it is asked again only
// poolRetry events later (*idle counts down): a reader whose consumer gives
// nothing back would otherwise pay a sync.Pool.Get for every event.
func (p *recyclePool[T]) take(b **eventBatch[T], idle *int) *T {
	if *idle > 0 {
		*idle--
		return nil
	}
	e := p.next(b)
	if e == nil {
		*idle = poolRetry
	}
	return e
}

const poolRetry = 32

// add appends e to *b, handing the batch to the pool when it is full.
func (p *recyclePool[T]) add(b **eventBatch[T], e *T) {
	if *b == nil {
		*b, _ = p.empty.Get().(*eventBatch[T])
		if *b == nil {
			*b = &eventBatch[T]{evs: make([]*T, 0, eventBatchLen)}
		}
	}
	(*b).evs = append((*b).evs, e)
	if len((*b).evs) == eventBatchLen {
		p.flush(b)
	}
}

// flush hands the batch *b to the pool, if it holds events.
func (p *recyclePool[T]) flush(b **eventBatch[T]) {
	if *b != nil && len((*b).evs) > 0 {
		p.full.Put(*b)
		*b = nil
	}
}

// A Recycler gives events back for reuse once their consumer is done with
// them: the parsers hand them out again instead of allocating new ones, so
// a long scan makes little garbage. Only a consumer that keeps nothing of an
// event (no pointer to it or to its Spaces) and passes it to no one else may
// give it back; Summary.Add and report.ChartBuilder.Add keep nothing.
// The zero value is ready to use; call Flush when done.
type Recycler struct {
	spaced *eventBatch[eventWithSpaces]
	plain  *eventBatch[Event]
}

// Put gives e back: nothing may use it after.
func (rc *Recycler) Put(e *Event) {
	if e.inline() {
		spacedPool.add(&rc.spaced, (*eventWithSpaces)(unsafe.Pointer(e)))
	} else {
		plainPool.add(&rc.plain, e)
	}
}

// Flush hands the events given back so far to the parsers.
func (rc *Recycler) Flush() {
	spacedPool.flush(&rc.spaced)
	plainPool.flush(&rc.plain)
}

// inline reports whether e is the event of an eventWithSpaces whose Spaces
// are still its own array: then it can be reused with its spaces. (Not so
// for a copy of such an event, or one whose spaces outgrew the array.)
func (e *Event) inline() bool {
	if !e.withSpaces || cap(e.Spaces) != eventSpaces {
		return false
	}
	spaces := uintptr(unsafe.Pointer(unsafe.SliceData(e.Spaces)))
	return spaces == uintptr(unsafe.Pointer(e))+unsafe.Offsetof(eventWithSpaces{}.spaces)
}
