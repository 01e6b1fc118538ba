package com.example.playground.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Every kind of breakage {@code ./playground chaos} can pick from, and how a seed picks three.
 * Adding a kind: a class that implements {@link Breakage} and lists its variants, and a line here.
 *
 * <p>The pick: a kind at random among those that still have a variant that fits, then a variant of
 * it at random; three times. Kinds are drawn evenly, not variants, so the many faults do not crowd
 * out the single broker. {@link Random} with a seed is specified to give the same numbers on every
 * Java, and the seed is mixed by a fixed formula first, so the same seed breaks the same three things
 * on any laptop (for the same catalogue: a line added here gives seeds new meanings).
 *
 * <p>What fits: each breakage in a process of its own, so none hides another (a fault set in a
 * service that is also killed could be neither seen nor healed apart: restarting a service heals
 * it), and at most one outage, a process killed or the broker stopped. Both show at first glance in
 * {@code ./playground status}; two would make a third of the game trivial and, together, stop every
 * order, so nothing is left to observe the third breakage by until both are healed.
 */
final class Catalogue {

    static final List<List<Breakage>> KINDS = List.of(
            InjectedFault.ALL,
            SwitchTurnedOn.ALL,
            KilledService.ALL,
            StoppedBroker.ALL);

    static final int BREAKAGES = 3;

    private Catalogue() {
    }

    /** The three breakages of a seed, in the order they are picked. */
    static List<Breakage> draw(long seed) {
        Random random = new Random(mixed(seed));
        List<Breakage> picked = new ArrayList<>();
        while (picked.size() < BREAKAGES) {
            List<List<Breakage>> open = KINDS.stream()
                    .map(kind -> kind.stream().filter(b -> fits(b, picked)).toList())
                    .filter(fitting -> !fitting.isEmpty())
                    .toList();
            List<Breakage> kind = open.get(random.nextInt(open.size()));
            picked.add(kind.get(random.nextInt(kind.size())));
        }
        return List.copyOf(picked);
    }

    /**
     * The seed with its bits spread (MurmurHash3's 64-bit finaliser). {@link Random}'s first numbers
     * for neighbouring seeds are nearly the same: unmixed, seeds 1 to 12 all began with a kill.
     */
    static long mixed(long seed) {
        long z = (seed ^ (seed >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private static boolean fits(Breakage candidate, List<Breakage> picked) {
        return picked.stream().noneMatch(p -> p.process().equals(candidate.process())
                || p.isOutage() && candidate.isOutage());
    }

    /** Every process a breakage of the catalogue can be in. */
    static List<String> processes() {
        return KINDS.stream().flatMap(List::stream).map(Breakage::process).distinct().toList();
    }
}
