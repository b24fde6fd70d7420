// Steady service: constant live set (a cache of livePct% of -Xmx, with slow
// churn) plus short-lived garbage at a steady rate. No dependencies.
//
// Usage: java Steady <seconds> <garbageMBperSec> <livePct> [systemGcEverySec (0=never)]
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

public class Steady {
    static final int CHUNK = 32 * 1024;      // live-set entry size
    static final int TICK_MS = 10;

    public static void main(String[] a) throws Exception {
        int seconds = Integer.parseInt(a[0]);
        double garbageMBps = Double.parseDouble(a[1]);
        double livePct = Double.parseDouble(a[2]);
        int gcEvery = a.length > 3 ? Integer.parseInt(a[3]) : 0;

        long max = Runtime.getRuntime().maxMemory();
        int liveChunks = (int) (max * livePct / 100 / CHUNK);
        List<byte[]> cache = new ArrayList<>(liveChunks);
        for (int i = 0; i < liveChunks; i++) cache.add(new byte[CHUNK]);

        Random rnd = new Random(42);
        Object[] recent = new Object[2048];   // keeps garbage alive a little while
        int ri = 0;
        long garbagePerTick = (long) (garbageMBps * 1024 * 1024 * TICK_MS / 1000);
        long start = System.nanoTime();
        long nextTick = start, nextStatus = start + 1_000_000_000L, nextGc = start + gcEvery * 1_000_000_000L;
        long allocated = 0;
        int sec = 0;
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            for (long b = 0; b < garbagePerTick; ) {
                int sz = 256 + rnd.nextInt(4096);
                byte[] g = new byte[sz];
                g[sz - 1] = (byte) b;
                recent[ri++ & (recent.length - 1)] = g;
                b += sz;
                allocated += sz;
            }
            // churn: replace one cache entry per tick (old-gen garbage)
            if (liveChunks > 0) cache.set(rnd.nextInt(liveChunks), new byte[CHUNK]);
            long now = System.nanoTime();
            if (gcEvery > 0 && now >= nextGc) {
                System.gc();
                nextGc += gcEvery * 1_000_000_000L;
            }
            if (now >= nextStatus) {
                sec++;
                System.out.printf("app: t=%ds live=%.1fMB allocated=%.1fMB%n", sec,
                        cache.size() * (double) CHUNK / (1 << 20), allocated / (double) (1 << 20));
                nextStatus += 1_000_000_000L;
            }
            nextTick += TICK_MS * 1_000_000L;
            long sleep = nextTick - System.nanoTime();
            if (sleep > 0) Thread.sleep(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
        }
        System.out.println("app: done");
    }
}
