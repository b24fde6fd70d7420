// Package mailer sends a composed message over SMTP with
// github.com/wneessen/go-mail: STARTTLS (required, never silently skipped)
// or implicit TLS, certificates verified against the system's roots plus an
// optional extra CA, AUTH when a username is configured, and a timeout on
// every step. The message is sent as the bytes it was composed as.
package mailer

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Sender delivers one composed message.
type Sender interface {
	Send(ctx context.Context, from string, to []string, msg []byte) error
}

// TLS modes.
const (
	StartTLS = "starttls"
	Implicit = "tls"
	None     = "none"
)

// SMTP is a Sender for one server.
type SMTP struct {
	Host     string
	Port     int
	TLS      string // StartTLS (default), Implicit or None
	Username string // no AUTH when empty
	Password string
	CAFile   string // an extra CA certificate (PEM) to trust
	Timeout  time.Duration
	HELO     string // the name given in EHLO; "" is the machine's host name
}

// Send connects, authenticates and delivers msg to the recipients.
func (s *SMTP) Send(ctx context.Context, from string, to []string, msg []byte) (err error) {
	c, err := s.client()
	if err != nil {
		return err
	}
	sc, err := c.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return fmt.Errorf("%s:%d: %w", s.Host, s.Port, err)
	}
	defer func() {
		if err != nil {
			_ = sc.Close()
		}
	}()
	if err := sc.Mail(from); err != nil {
		return fmt.Errorf("%s:%d: MAIL FROM %s: %w", s.Host, s.Port, from, err)
	}
	for _, t := range to {
		if err := sc.Rcpt(t); err != nil {
			return fmt.Errorf("%s:%d: RCPT TO %s: %w", s.Host, s.Port, t, err)
		}
	}
	w, err := sc.Data()
	if err != nil {
		return fmt.Errorf("%s:%d: DATA: %w", s.Host, s.Port, err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("%s:%d: sending the message: %w", s.Host, s.Port, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("%s:%d: the server did not take the message: %w", s.Host, s.Port, err)
	}
	_ = sc.Quit() // delivered: a failed QUIT changes nothing
	return nil
}

func (s *SMTP) client() (*gomail.Client, error) {
	tc := &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12}
	if s.CAFile != "" {
		pem, err := os.ReadFile(s.CAFile)
		if err != nil {
			return nil, fmt.Errorf("ca_file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("ca_file %s: no PEM certificate in it", s.CAFile)
		}
		tc.RootCAs = pool
	}
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	opts := []gomail.Option{gomail.WithPort(s.Port), gomail.WithTimeout(timeout), gomail.WithTLSConfig(tc)}
	switch s.TLS {
	case Implicit:
		opts = append(opts, gomail.WithSSL())
	case None:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.HELO != "" {
		opts = append(opts, gomail.WithHELO(s.HELO))
	}
	if s.Username != "" {
		// The best mechanism the server offers; PLAIN and LOGIN only over TLS.
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.Username), gomail.WithPassword(s.Password))
	}
	c, err := gomail.NewClient(s.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("smtp: %w", err)
	}
	return c, nil
}
