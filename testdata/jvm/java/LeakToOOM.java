// Leak that ends in java.lang.OutOfMemoryError: the live set grows by
// leakMBperSec forever while short-lived garbage is allocated. Nothing is
// caught; the JVM dies with OutOfMemoryError. No dependencies.
// The leak is made of leakChunkKB-sized byte arrays (default 32 KB; a size
// above half a heap region makes them humongous, which fail fast when full).
//
// Usage: java LeakToOOM <leakMBperSec> <garbageMBperSec> [systemGcEverySec (0=never)] [leakChunkKB]
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

public class LeakToOOM {
    static final int TICK_MS = 10;

    public static void main(String[] a) throws Exception {
        double leakMBps = Double.parseDouble(a[0]);
        double garbageMBps = Double.parseDouble(a[1]);
        int gcEvery = a.length > 2 ? Integer.parseInt(a[2]) : 0;
        final int CHUNK = (a.length > 3 ? Integer.parseInt(a[3]) : 32) * 1024;

        List<byte[]> leak = new ArrayList<>();
        Random rnd = new Random(42);
        Object[] recent = new Object[2048];
        int ri = 0;
        long garbagePerTick = (long) (garbageMBps * 1024 * 1024 * TICK_MS / 1000);
        double leakChunksPerNano = leakMBps * 1024 * 1024 / CHUNK / 1e9;
        long start = System.nanoTime();
        long nextTick = start, nextStatus = start + 1_000_000_000L, nextGc = start + gcEvery * 1_000_000_000L;
        long allocated = 0;
        int sec = 0;
        long now;
        while (true) {
            now = System.nanoTime();
            for (long b = 0; b < garbagePerTick; ) {
                int sz = 256 + rnd.nextInt(4096);
                byte[] g = new byte[sz];
                g[sz - 1] = (byte) b;
                recent[ri++ & (recent.length - 1)] = g;
                b += sz;
                allocated += sz;
            }
            long target = (long) ((now - start) * leakChunksPerNano);
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
    }
}
