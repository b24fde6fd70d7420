// Slow leak that stops before OutOfMemoryError: the live set grows linearly
// from startPct% to endPct% of -Xmx over the run, while short-lived garbage is
// allocated at a steady rate. No dependencies.
//
// Usage: java SlowLeak <seconds> <garbageMBperSec> <startPct> <endPct> [systemGcEverySec (0=never)]
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

public class SlowLeak {
    static final int CHUNK = 32 * 1024;
    static final int TICK_MS = 10;

    public static void main(String[] a) throws Exception {
        int seconds = Integer.parseInt(a[0]);
        double garbageMBps = Double.parseDouble(a[1]);
        double startPct = Double.parseDouble(a[2]);
        double endPct = Double.parseDouble(a[3]);
        int gcEvery = a.length > 4 ? Integer.parseInt(a[4]) : 0;

        long max = Runtime.getRuntime().maxMemory();
        int startChunks = (int) (max * startPct / 100 / CHUNK);
        int endChunks = (int) (max * endPct / 100 / CHUNK);
        List<byte[]> leak = new ArrayList<>(endChunks);
        for (int i = 0; i < startChunks; i++) leak.add(new byte[CHUNK]);

        Random rnd = new Random(42);
        Object[] recent = new Object[2048];
        int ri = 0;
        long garbagePerTick = (long) (garbageMBps * 1024 * 1024 * TICK_MS / 1000);
        long runNanos = seconds * 1_000_000_000L;
        long start = System.nanoTime();
        long nextTick = start, nextStatus = start + 1_000_000_000L, nextGc = start + gcEvery * 1_000_000_000L;
        long allocated = 0;
        int sec = 0;
        long now;
        while ((now = System.nanoTime()) - start < runNanos) {
            for (long b = 0; b < garbagePerTick; ) {
                int sz = 256 + rnd.nextInt(4096);
                byte[] g = new byte[sz];
                g[sz - 1] = (byte) b;
                recent[ri++ & (recent.length - 1)] = g;
                b += sz;
                allocated += sz;
            }
            // leak: grow the live set to its target for this moment of the run
            long target = startChunks + (endChunks - startChunks) * (now - start) / runNanos;
            while (leak.size() < target) leak.add(new byte[CHUNK]);
            if (gcEvery > 0 && now >= nextGc) {
                System.gc();
                nextGc += gcEvery * 1_000_000_000L;
            }
            if (now >= nextStatus) {
                sec++;
                System.out.printf("app: t=%ds live=%.1fMB allocated=%.1fMB%n", sec,
                        leak.size() * (double) CHUNK / (1 << 20), allocated / (double) (1 << 20));
                nextStatus += 1_000_000_000L;
            }
            nextTick += TICK_MS * 1_000_000L;
            long sleep = nextTick - System.nanoTime();
            if (sleep > 0) Thread.sleep(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
        }
        System.out.println("app: done");
    }
}
