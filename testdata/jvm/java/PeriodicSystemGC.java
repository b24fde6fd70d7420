// Steady service that calls System.gc() every few seconds: the Steady program
// with its fourth argument required. No dependencies.
//
// Usage: java PeriodicSystemGC <seconds> <garbageMBperSec> <livePct> <systemGcEverySec>
public class PeriodicSystemGC {
    public static void main(String[] a) throws Exception {
        if (a.length < 4) {
            throw new IllegalArgumentException("usage: PeriodicSystemGC <seconds> <garbageMBperSec> <livePct> <systemGcEverySec>");
        }
        Steady.main(a);
    }
}
