package histogram

import (
	"fmt"
	"strings"
)

// Warning is something to know before trusting a comparison of snapshots.
type Warning struct {
	Pos
	Msg string
}

func (w Warning) String() string {
	if w.Source == "" {
		return w.Msg
	}
	return fmt.Sprintf("%s: %s", w.Pos, w.Msg)
}

// Check looks at snapshots about to be compared and warns about what makes
// the comparison doubtful:
//   - a truncated snapshot (no Total line);
//   - rows whose sums disagree with the Total line (or a Total line that
//     overflowed 32 bits, as old serviceability agents wrote it);
//   - live-objects and all-objects snapshots mixed;
//   - snapshots of different JVMs (process ids or JVM versions differ).
func Check(snaps []*Snapshot) []Warning {
	var ws []Warning
	seen := make(map[Pos]bool)
	for _, s := range snaps {
		if seen[Pos{s.Source, s.Line}] {
			continue
		}
		seen[Pos{s.Source, s.Line}] = true
		if !s.HasTotal {
			ws = append(ws, Warning{Pos{s.Source, s.Line},
				fmt.Sprintf("truncated histogram (no Total line after %d rows): classes below its smallest row (%d bytes) are unknown, not zero", s.Rows, s.MinBytes)})
			continue
		}
		if s.Sum == s.Total {
			continue
		}
		const wrap = 1 << 32
		if (s.Sum.Bytes-s.Total.Bytes)%wrap == 0 && (s.Sum.Instances-s.Total.Instances)%wrap == 0 {
			ws = append(ws, Warning{Pos{s.Source, s.TotalLine},
				fmt.Sprintf("the Total line overflowed 32 bits (old serviceability agent): using the row sums, %d instances, %d bytes", s.Sum.Instances, s.Sum.Bytes)})
			continue
		}
		ws = append(ws, Warning{Pos{s.Source, s.TotalLine},
			fmt.Sprintf("rows sum to %d instances, %d bytes but the Total line says %d instances, %d bytes", s.Sum.Instances, s.Sum.Bytes, s.Total.Instances, s.Total.Bytes)})
	}
	var live, all *Snapshot
	for _, s := range snaps {
		switch s.Objects {
		case ObjectsLive:
			if live == nil {
				live = s
			}
		case ObjectsAll:
			if all == nil {
				all = s
			}
		}
	}
	if live != nil && all != nil {
		ws = append(ws, Warning{Msg: fmt.Sprintf("live-objects and all-objects histograms are mixed (%s counts live objects, %s all objects): garbage counted in one looks like growth",
			live.Label(), all.Label())})
	}
	if a, b, what := differentJVMs(snaps); what != "" {
		ws = append(ws, Warning{Msg: fmt.Sprintf("histograms of different JVMs (%s: %s, %s: %s)", a.Label(), what2(a, what), b.Label(), what2(b, what))})
	}
	return ws
}

func what2(s *Snapshot, what string) string {
	if what == "pid" {
		return "pid " + s.PID
	}
	return "JVM " + s.JVM
}

// differentJVMs finds two snapshots that say they come from different JVMs.
func differentJVMs(snaps []*Snapshot) (a, b *Snapshot, what string) {
	var pid, ver *Snapshot
	for _, s := range snaps {
		if s.PID != "" {
			if pid == nil {
				pid = s
			} else if s.PID != pid.PID {
				return pid, s, "pid"
			}
		}
		if s.JVM != "" {
			if ver == nil {
				ver = s
			} else if shortVersion(s.JVM) != shortVersion(ver.JVM) {
				return ver, s, "version"
			}
		}
	}
	return nil, nil, ""
}

// shortVersion cuts "17.0.15+6-Debian-1deb12u1" to "17.0.15", as module
// suffixes write it.
func shortVersion(v string) string {
	if i := strings.IndexAny(v, "+-"); i > 0 {
		return v[:i]
	}
	return v
}
