package histogram

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// fileTime matches a date and time in a file name: 20261122T054416Z,
// 2026-11-22T05:44:16, 2026-11-22_05-44-16, 20261122-054416, 20261122054416.
var fileTime = regexp.MustCompile(`(^|[^0-9])(\d{4})-?(\d{2})-?(\d{2})[T_ .-]?(\d{2})[-:.h]?(\d{2})[-:.m]?(\d{2})(Z?)($|[^0-9])`)

// TimeFromName reads the time a snapshot was taken from its file name, as
// scripts that take snapshots usually write it (20261122T054416Z,
// 2026-11-22T05:44:16, 2026-11-22_05-44-16, 20261122-054416). A time without
// a Z is in loc (time.Local when nil).
func TimeFromName(name string, loc *time.Location) (time.Time, bool) {
	m := fileTime.FindStringSubmatch(filepath.Base(name))
	if m == nil {
		return time.Time{}, false
	}
	var v [6]int
	for i := range v {
		v[i], _ = strconv.Atoi(m[2+i])
	}
	if v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 60 {
		return time.Time{}, false
	}
	if m[8] == "Z" {
		loc = time.UTC
	} else if loc == nil {
		loc = time.Local
	}
	return time.Date(v[0], time.Month(v[1]), v[2], v[3], v[4], v[5], 0, loc), true
}

// objectsFromName reads live or all objects from a file name that says so
// ("jmap-live-3.txt", "histo_all.txt"): the histogram itself does not.
func objectsFromName(name string) Objects {
	words := strings.FieldsFunc(strings.ToLower(filepath.Base(name)), func(r rune) bool {
		return !(r >= 'a' && r <= 'z')
	})
	for _, w := range words {
		switch w {
		case "live":
			return ObjectsLive
		case "all", "allobjects":
			return ObjectsAll
		}
	}
	return ObjectsUnknown
}
