// Leak is a small leaking program used to take the class histogram snapshots
// in testdata/histogram (see ../../make-snapshots.sh). It lives in a package so
// that `jcmd leakdemo.Leak` matches no other JVM on the machine. Each line read
// from stdin is one step; after each step it prints "step N" and waits.
//
// What each step does, so that the snapshots show every shape gcwatch must rank:
//   - SessionEntry: +2000 entries per step in a HashMap (steady leak: the
//     entries, their HashMap$Node, String ids and byte[] payloads grow together);
//   - Burst: +20000 once, at step 2 only (a jump, not a leak);
//   - Café: a non-ASCII class name, +500 per step;
//   - Plugin: the same class loaded by two class loaders (duplicate rows);
//   - a lambda (hidden class) and a dynamic proxy (module without version);
//   - garbage that live histograms drop and all-objects histograms keep.
package leakdemo;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

public class Leak {
    static final class SessionEntry {
        final String id;
        final byte[] payload;

        SessionEntry(String id) {
            this.id = id;
            this.payload = new byte[48];
        }
    }

    static final class Burst {
        long a, b;
    }

    static final class Café {
        int cups;
    }

    static final Map<String, SessionEntry> sessions = new HashMap<>();
    static final List<Object> kept = new ArrayList<>();
    static volatile Object sink;

    public static void main(String[] args) throws Exception {
        // Plugin from two loaders: same name, two rows in a histogram.
        URL dir = Path.of(args.length > 0 ? args[0] : "plugin").toUri().toURL();
        for (int i = 0; i < 2; i++) {
            URLClassLoader cl = new URLClassLoader(new URL[] {dir}, null);
            Class<?> c = cl.loadClass("Plugin");
            for (int j = 0; j < 10 + i; j++) {
                kept.add(c.getDeclaredConstructor().newInstance());
            }
        }
        Runnable proxy = (Runnable) Proxy.newProxyInstance(Leak.class.getClassLoader(),
                new Class<?>[] {Runnable.class}, (p, m, a) -> null);
        kept.add(proxy);

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        int step = 0;
        System.out.println("step " + step);
        System.out.flush();
        while (in.readLine() != null) {
            step++;
            for (int i = 0; i < 2000; i++) {
                String id = "session-" + step + "-" + i;
                sessions.put(id, new SessionEntry(id));
            }
            if (step == 2) {
                for (int i = 0; i < 20000; i++) {
                    kept.add(new Burst());
                }
            }
            for (int i = 0; i < 500; i++) {
                kept.add(new Café());
            }
            final int s = step;
            for (int i = 0; i < 100; i++) {
                Supplier<Integer> sup = () -> s;
                kept.add(sup);
            }
            // Garbage: dropped by a live histogram, counted by an all-objects one.
            for (int i = 0; i < 3000; i++) {
                sink = new int[8];
            }
            System.out.println("step " + step);
            System.out.flush();
        }
    }
}
