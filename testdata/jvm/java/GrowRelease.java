// Batch job: the live set grows from basePct% to peakPct% of -Xmx over
// growSeconds, is then released back to basePct%, and the program runs
// steadily for the rest of the run. Short-lived garbage throughout.
// No dependencies.
//
// Usage: java GrowRelease <seconds> <garbageMBperSec> <basePct> <peakPct> <growSeconds> [systemGcEverySec (0=never)]
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

public class GrowRelease {
    static final int CHUNK = 32 * 1024;
    static final int TICK_MS = 10;

    public static void main(String[] a) throws Exception {
        int seconds = Integer.parseInt(a[0]);
        double garbageMBps = Double.parseDouble(a[1]);
        double basePct = Double.parseDouble(a[2]);
        double peakPct = Double.parseDouble(a[3]);
        int growSeconds = Integer.parseInt(a[4]);
        int gcEvery = a.length > 5 ? Integer.parseInt(a[5]) : 0;

        long max = Runtime.getRuntime().maxMemory();
        int baseChunks = (int) (max * basePct / 100 / CHUNK);
        int peakChunks = (int) (max * peakPct / 100 / CHUNK);
        List<byte[]> base = new ArrayList<>(baseChunks);
        for (int i = 0; i < baseChunks; i++) base.add(new byte[CHUNK]);
        List<byte[]> batch = new ArrayList<>(peakChunks - baseChunks);

        Random rnd = new Random(42);
        Object[] recent = new Object[2048];
        int ri = 0;
        long garbagePerTick = (long) (garbageMBps * 1024 * 1024 * TICK_MS / 1000);
        long runNanos = seconds * 1_000_000_000L, growNanos = growSeconds * 1_000_000_000L;
        long start = System.nanoTime();
        long nextTick = start, nextStatus = start + 1_000_000_000L, nextGc = start + gcEvery * 1_000_000_000L;
        long allocated = 0;
        int sec = 0;
        boolean released = false;
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
            if (now - start < growNanos) {
                long target = (peakChunks - baseChunks) * (now - start) / growNanos;
                while (batch.size() < target) batch.add(new byte[CHUNK]);
            } else if (!released) {
                batch.clear();
                released = true;
                System.out.println("app: batch released");
            }
            if (gcEvery > 0 && now >= nextGc) {
                System.gc();
                nextGc += gcEvery * 1_000_000_000L;
            }
            if (now >= nextStatus) {
                sec++;
                System.out.printf("app: t=%ds live=%.1fMB allocated=%.1fMB%n", sec,
                        (base.size() + batch.size()) * (double) CHUNK / (1 << 20), allocated / (double) (1 << 20));
                nextStatus += 1_000_000_000L;
            }
            nextTick += TICK_MS * 1_000_000L;
            long sleep = nextTick - System.nanoTime();
            if (sleep > 0) Thread.sleep(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
        }
        System.out.println("app: done");
    }
}
