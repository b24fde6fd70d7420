// Package report renders what gclog and histogram find: tables for a
// terminal, CSV and JSON for scripts and spreadsheets. Every function writes
// to the io.Writer it is given and returns the first write error.
package report
