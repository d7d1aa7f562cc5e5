package io.mmfleet.exechandler.order;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Each order-core test class: a harness over a journal in a fresh directory, closed after each test. */
abstract class TrackerTestBase
{
    @TempDir
    Path dir;

    TrackerHarness h;

    TrackerHarness harness()
    {
        h = new TrackerHarness(dir);
        return h;
    }

    @AfterEach
    void closeHarness()
    {
        if (h != null)
        {
            h.close();
        }
    }
}
