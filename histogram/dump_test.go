package histogram
import ("testing";"os";"fmt";"compress/gzip";"io";"strings")
func TestDump(t *testing.T){
 for _, f := range strings.Split(os.Getenv("F"), ",") {
  fh, err := os.Open(f); if err != nil { t.Fatal(err) }
  var rd io.Reader = fh
  if strings.HasSuffix(f, ".gz") { rd, _ = gzip.NewReader(fh) }
  snaps, probs, err := ReadAll(rd, f)
  fmt.Println(f, "err:", err, "problems:", len(probs))
  for _, p := range probs { fmt.Println("  ", p.Error()) }
  for _, s := range snaps {
   fmt.Printf("  line %d fmt %v obj %v time %v pid %q jvm %q rows %d classes %d sum %v total %v/%v unparsed %d min %d\n", s.Line, s.Format, s.Objects, s.Time, s.PID, s.JVM, s.Rows, len(s.Classes), s.Sum, s.Total, s.HasTotal, s.Unparsed, s.MinBytes)
   for i, c := range s.Classes { if i < 3 || c.Rows > 1 || strings.ContainsAny(c.Name, "$é<") && i < 40 { fmt.Printf("     %q %q %v rows=%d\n", c.Name, c.Module, c.Count, c.Rows) } }
  }
 }
}
