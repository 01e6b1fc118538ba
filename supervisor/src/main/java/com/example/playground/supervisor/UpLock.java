package com.example.playground.supervisor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * One {@code up} at a time per state folder: the control room's autoscaler steps with {@code up} while
 * a user may type one, and two at once would start the same instance twice. A lock on a file of the
 * state folder ({@code run/up.lock}), held by the operating system for the process: a process that
 * dies lets go of it. A second {@code up} waits for the first, and says so.
 */
final class UpLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private UpLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for the lock at most {@code patience}; refused with the reason if it stays held. */
    static UpLock take(Path file, Duration patience, PrintStream out) {
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            Instant until = Instant.now().plus(patience);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                out.println("Waiting for another 'up' to finish (an autoscaler's step, or another terminal)...");
            }
            while (lock == null && Instant.now().isBefore(until)) {
                Thread.sleep(200);
                lock = tryLock(channel);
            }
            if (lock == null) {
                channel.close();
                throw new PlaygroundException("Another 'up' has been changing the stack for " + patience.toSeconds()
                        + " s; try again when it is done (./playground status).", PlaygroundException.FAILED);
            }
            return new UpLock(channel, lock);
        } catch (IOException e) {
            throw new PlaygroundException("Cannot lock " + file + ": " + e.getMessage(), PlaygroundException.FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlaygroundException("Interrupted while waiting for another 'up'.", PlaygroundException.FAILED);
        }
    }

    /** Null while another process, or another thread of this one, holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The lock goes with the channel, and with the process at the latest.
        }
    }
}
