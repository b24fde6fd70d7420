// Package config reads the TOML configuration of gcwatch report: the hosts
// and their logs, the mail's sender and recipients, the SMTP server, and the
// state folder. Unknown keys are errors, every error names the file and,
// where it can, the line. The SMTP password is never in the file: it comes
// from an environment variable or a file only its owner can read.
package config

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net/mail"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Config is a whole configuration file.
type Config struct {
	Path   string `toml:"-"`
	Report Report `toml:"report"`
	Mail   Mail   `toml:"mail"`
	SMTP   *SMTP  `toml:"smtp"` // nil: no [smtp] section, the report is written to a folder
	Hosts  []Host `toml:"host"`
}

// Report is the [report] section.
type Report struct {
	StateDir         string   `toml:"state_dir"`
	OnlyWhenProblems bool     `toml:"only_when_problems"`
	Window           int      `toml:"window"`
	Since            Duration `toml:"since"`
	NearFull         float64  `toml:"near_full"`
	MinRise          float64  `toml:"min_rise"`
	MinPoints        int      `toml:"min_points"`
	LastFull         int      `toml:"last_full"`
	TopClasses       int      `toml:"top_classes"`
	ChartWidth       int      `toml:"chart_width"`
	ChartHeight      int      `toml:"chart_height"`
}

// Mail is the [mail] section.
type Mail struct {
	From          string   `toml:"from"`
	To            []string `toml:"to"`
	SubjectPrefix *string  `toml:"subject_prefix"`
}

// SMTP is the [smtp] section.
type SMTP struct {
	Host         string   `toml:"host"`
	Port         int      `toml:"port"`
	TLS          string   `toml:"tls"`
	Username     string   `toml:"username"`
	PasswordEnv  string   `toml:"password_env"`
	PasswordFile string   `toml:"password_file"`
	CAFile       string   `toml:"ca_file"`
	Timeout      Duration `toml:"timeout"`
	HELO         string   `toml:"helo"`
}

// TLS modes of [smtp] tls.
const (
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS, which must succeed
	TLSImplicit = "tls"      // TLS from the first byte (port 465)
	TLSNone     = "none"     // no encryption: only when configured so
)

// Host is one [[host]].
type Host struct {
	Name       string   `toml:"name"`
	GCLogs     []string `toml:"gc_logs"`
	Histograms string   `toml:"histograms"`
}

// Duration is a TOML string such as "72h" or "30s".
type Duration struct{ time.Duration }

// UnmarshalText reads a Go duration.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("invalid duration %q: want e.g. 30s, 72h", b)
	}
	if v < 0 {
		return fmt.Errorf("invalid duration %q: negative", b)
	}
	d.Duration = v
	return nil
}

// Defaults.
const (
	DefaultSubjectPrefix = "[gcwatch]"
	DefaultTimeout       = 30 * time.Second
)

// Error is a problem in the configuration, at a line when it can tell.
type Error struct {
	Path string
	Line int // 0 when unknown
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Load reads and checks a configuration file.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s: %w", path, pe.Err)
		}
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads and checks a configuration; path is used in messages.
func Parse(path string, data []byte) (*Config, error) {
	c := &Config{Path: path}
	md, err := toml.Decode(string(data), c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{Path: path, Line: pe.Position.Line, Msg: pe.Message}
		}
		return nil, &Error{Path: path, Msg: err.Error()}
	}
	loc := newLocator(data)
	if und := md.Undecoded(); len(und) > 0 {
		var errs []error
		for _, k := range und {
			errs = append(errs, &Error{Path: path, Line: loc.key(k), Msg: fmt.Sprintf("unknown key %q", k.String())})
		}
		return nil, errors.Join(errs...)
	}
	if err := c.check(loc); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Config) check(loc *locator) error {
	var errs []error
	bad := func(key []string, format string, args ...any) {
		line := 0
		switch len(key) {
		case 1:
			line = loc.find(key[0], -1, "")
		case 2:
			line = loc.find(key[0], -1, key[1])
		case 3:
			n, _ := strconv.Atoi(key[1])
			line = loc.find(key[0], n, key[2])
		}
		errs = append(errs, &Error{Path: c.Path, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	r := &c.Report
	if r.Window < 0 {
		bad([]string{"report", "window"}, "window = %d: want 0 (automatic) or more points", r.Window)
	}
	for _, f := range []struct {
		key string
		v   float64
	}{{"near_full", r.NearFull}, {"min_rise", r.MinRise}} {
		if f.v < 0 || f.v >= 1 {
			bad([]string{"report", f.key}, "%s = %g: want a share of the heap between 0 and 1, e.g. 0.05", f.key, f.v)
		}
	}
	if r.MinPoints < 0 || r.MinPoints == 1 {
		bad([]string{"report", "min_points"}, "min_points = %d: want 2 or more", r.MinPoints)
	}
	if r.ChartWidth != 0 && r.ChartWidth < 300 {
		bad([]string{"report", "chart_width"}, "chart_width = %d: at least 300 pixels", r.ChartWidth)
	}
	if r.ChartHeight != 0 && r.ChartHeight < 200 {
		bad([]string{"report", "chart_height"}, "chart_height = %d: at least 200 pixels", r.ChartHeight)
	}
	if c.Mail.From != "" {
		if _, err := mail.ParseAddress(c.Mail.From); err != nil {
			bad([]string{"mail", "from"}, "from = %q: not a mail address", c.Mail.From)
		}
	}
	for _, t := range c.Mail.To {
		if _, err := mail.ParseAddress(t); err != nil {
			bad([]string{"mail", "to"}, "to: %q is not a mail address", t)
		}
	}
	if s := c.SMTP; s != nil {
		if c.Mail.From == "" {
			bad([]string{"mail"}, "[mail] from is required to send mail")
		}
		if len(c.Mail.To) == 0 {
			bad([]string{"mail"}, "[mail] to is required to send mail: a list of addresses")
		}
		if s.Host == "" {
			bad([]string{"smtp"}, "[smtp] host is required")
		}
		switch s.TLS {
		case "":
			s.TLS = TLSStartTLS
		case TLSStartTLS, TLSImplicit, TLSNone:
		default:
			bad([]string{"smtp", "tls"}, "tls = %q: want starttls, tls or none", s.TLS)
		}
		if s.Port == 0 {
			s.Port = 587
			if s.TLS == TLSImplicit {
				s.Port = 465
			}
		}
		if s.Port < 0 || s.Port > 65535 {
			bad([]string{"smtp", "port"}, "port = %d: want 1 to 65535", s.Port)
		}
		if s.PasswordEnv != "" && s.PasswordFile != "" {
			bad([]string{"smtp", "password_file"}, "password_env and password_file both set: choose one")
		}
		if (s.PasswordEnv != "" || s.PasswordFile != "") && s.Username == "" {
			bad([]string{"smtp"}, "a password is configured but no username")
		}
		if s.Username != "" && s.PasswordEnv == "" && s.PasswordFile == "" {
			bad([]string{"smtp", "username"}, "username is set but no password: set password_env (an environment variable) or password_file (a file of mode 0600)")
		}
		if s.Timeout.Duration == 0 {
			s.Timeout.Duration = DefaultTimeout
		}
		if r.StateDir == "" {
			bad([]string{"report"}, "[report] state_dir is required to send mail: it holds the lock, the day of the last mail and the outbox")
		}
	}
	if len(c.Hosts) == 0 {
		errs = append(errs, &Error{Path: c.Path, Msg: "no [[host]]: name at least one host and its gc_logs"})
	}
	seen := map[string]bool{}
	for i, h := range c.Hosts {
		key := func(k string) []string { return []string{"host", strconv.Itoa(i), k} }
		switch {
		case strings.TrimSpace(h.Name) == "":
			bad(key("name"), "[[host]] number %d has no name", i+1)
		case seen[h.Name]:
			bad(key("name"), "host %q named twice", h.Name)
		}
		seen[h.Name] = true
		if len(h.GCLogs) == 0 {
			bad(key("name"), "host %q: gc_logs is required: files, folders or globs", h.Name)
		}
	}
	return errors.Join(errs...)
}

// SubjectPrefix is the configured prefix, or the default.
func (c *Config) SubjectPrefix() string {
	if c.Mail.SubjectPrefix != nil {
		return *c.Mail.SubjectPrefix
	}
	return DefaultSubjectPrefix
}

// Password reads the SMTP password from the environment variable or the
// file the configuration names; "" when no username is configured. A
// password file readable by its group or others is refused.
func (s *SMTP) Password(getenv func(string) string) (string, error) {
	switch {
	case s.PasswordEnv != "":
		p := getenv(s.PasswordEnv)
		if p == "" {
			return "", fmt.Errorf("the SMTP password: environment variable %s is empty or not set", s.PasswordEnv)
		}
		return p, nil
	case s.PasswordFile != "":
		st, err := os.Stat(s.PasswordFile)
		if err != nil {
			return "", fmt.Errorf("the SMTP password: %w", err)
		}
		if st.Mode().Perm()&0o077 != 0 {
			return "", fmt.Errorf("the SMTP password: %s is readable by others (mode %04o): chmod 600 %s",
				s.PasswordFile, st.Mode().Perm(), s.PasswordFile)
		}
		b, err := os.ReadFile(s.PasswordFile)
		if err != nil {
			return "", fmt.Errorf("the SMTP password: %w", err)
		}
		p := strings.TrimRight(string(b), "\r\n")
		if p == "" {
			return "", fmt.Errorf("the SMTP password: %s is empty", s.PasswordFile)
		}
		return p, nil
	}
	return "", nil
}

// locator finds the line of a key in the TOML text, for messages: the toml
// package gives positions of syntax errors only. It follows [table] and
// [[array]] headers; a key it cannot find gives 0.
type locator struct {
	lines []string
}

func newLocator(data []byte) *locator {
	var l locator
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l.lines = append(l.lines, sc.Text())
	}
	return &l
}

// find returns the line of key name in table (the index-th of an array of
// tables, -1 for any), or of the table's header when name is "" or not there.
func (l *locator) find(table string, index int, name string) int {
	cur, n, header := "", 0, 0
	for i, raw := range l.lines {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "[") {
			t := strings.Trim(line, "[] \t")
			if j := strings.IndexAny(t, "]#"); j >= 0 {
				t = strings.TrimSpace(t[:j])
			}
			cur = t
			if cur == table {
				if index < 0 || n == index {
					if header == 0 {
						header = i + 1
					}
				}
				n++
			}
			continue
		}
		if name == "" || cur != table || (index >= 0 && n != index+1) {
			continue
		}
		if k, _, ok := strings.Cut(line, "="); ok && strings.Trim(strings.TrimSpace(k), `"'`) == name {
			return i + 1
		}
	}
	return header
}

// key finds a key the toml package names.
func (l *locator) key(k toml.Key) int {
	if len(k) == 1 {
		return l.find("", -1, k[0])
	}
	return l.find(strings.Join(k[:len(k)-1], "."), -1, k[len(k)-1])
}
