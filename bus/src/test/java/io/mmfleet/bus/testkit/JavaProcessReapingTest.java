package io.mmfleet.bus.testkit;

import io.mmfleet.bus.testing.Await;
import io.mmfleet.bus.testing.JavaProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A test JVM that ends without closing the processes it started (a rig whose after-all never ran: the
 * JVM told to exit by surefire's timeout or a Ctrl-C of mvn) must not leave them running.
 */
class JavaProcessReapingTest
{
    /** Starts a {@link Sleeper} with JavaProcess, prints its pid, and exits without closing it. */
    public static final class Parent
    {
        public static void main(final String[] args) throws Exception
        {
            final JavaProcess child = JavaProcess.start("sleeper", Sleeper.class);
            System.out.println("child " + child.pid());
            System.out.flush();
            System.exit(0);
        }
    }

    /** Sleeps until killed. */
    public static final class Sleeper
    {
        public static void main(final String[] args) throws Exception
        {
            Thread.sleep(Duration.ofMinutes(10).toMillis());
        }
    }

    @Test
    void processesStartedByAJvmThatExitsAreStoppedWithIt() throws Exception
    {
        try (JavaProcess parent = JavaProcess.start("parent", Parent.class))
        {
            final String line = parent.awaitStdout(l -> l.startsWith("child "), Duration.ofSeconds(60));
            assertEquals(0, parent.awaitExit(Duration.ofSeconds(60)), parent.transcript());
            final long childPid = Long.parseLong(line.substring("child ".length()).trim());
            try
            {
                Await.until(() -> ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE,
                    Duration.ofSeconds(30), () -> "the child JVM " + childPid + " outlived the JVM that started it");
            }
            finally
            {
                final Optional<ProcessHandle> left = ProcessHandle.of(childPid);
                left.ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
