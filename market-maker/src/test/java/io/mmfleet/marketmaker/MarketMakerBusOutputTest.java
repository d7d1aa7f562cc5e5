package io.mmfleet.marketmaker;

import io.mmfleet.bus.BusPublisher;
import io.mmfleet.bus.EpochClock;
import io.mmfleet.bus.PendingRequests;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.sbe.OrdStatus;
import io.mmfleet.sbe.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which answer ends the retransmission of which request: the OMS answers a cancel with the cancelled order's state. */
class MarketMakerBusOutputTest
{
    private static final long ORDER = 5;
    private static final long CANCEL = 6;

    private final ZContext zmq = new ZContext(1);
    private final List<Long> givenUp = new ArrayList<>();
    private BusPublisher publisher;
    private PendingRequests pending;
    private MarketMakerBusOutput output;

    @BeforeEach
    void setUp()
    {
        final MarketMakerConfig config = MarketMakerConfig.from(
            FleetConfig.load(Path.of("..", "config", "fleet.ini"), List.of(MarketMakerConfig.SPEC)));
        publisher = new BusPublisher(zmq, "tcp://127.0.0.1:*", 2, 1, 1000, new EpochClock());
        pending = new PendingRequests(16, 1_000_000, 3, (id, topic, attempts) -> givenUp.add(id));
        output = new MarketMakerBusOutput(publisher, pending, config, System::nanoTime, LoggerFactory.getLogger("test"));
        output.placePostOnly(ORDER, Side.BUY, 0, 3000_00, 500, 0);
    }

    @AfterEach
    void tearDown()
    {
        publisher.close();
        zmq.close();
    }

    @Test
    void aNewOrderIsPendingUntilItsOrderState()
    {
        assertTrue(pending.isPending(ORDER));
        assertEquals(ORDER, output.onOrderState(ORDER, OrdStatus.NEW));
        assertFalse(pending.isPending(ORDER));
        assertEquals(1, output.ordersSent());
    }

    @Test
    void aCancelIsAnsweredByTheOrdersStatePastTheCancelNotByALateNew()
    {
        output.onOrderState(ORDER, OrdStatus.NEW);
        output.cancel(CANCEL, ORDER, Side.BUY, 0);
        assertTrue(pending.isPending(CANCEL));

        assertEquals(ORDER, output.onOrderState(ORDER, OrdStatus.NEW), "a resent NEW's answer");
        assertTrue(pending.isPending(CANCEL), "a NEW state does not answer the cancel");

        assertEquals(ORDER, output.onOrderState(ORDER, OrdStatus.PENDING_CANCEL));
        assertFalse(pending.isPending(CANCEL));
        assertEquals(0, output.cancelsInFlight());
    }

    @Test
    void aFillAnswersTheCancelToo()
    {
        output.cancel(CANCEL, ORDER, Side.BUY, 0);
        output.onOrderState(ORDER, OrdStatus.FILLED);
        assertFalse(pending.isPending(CANCEL));
    }

    @Test
    void anOrderStateCarryingTheCancelsOwnIdAnswersItAndIsAboutTheOrder()
    {
        output.cancel(CANCEL, ORDER, Side.BUY, 0);
        assertEquals(ORDER, output.onOrderState(CANCEL, OrdStatus.CANCELED), "told to the core as the order's state");
        assertFalse(pending.isPending(CANCEL));
        assertEquals(0, output.cancelsInFlight());
    }

    @Test
    void aRejectAnswersTheRequestItNames()
    {
        output.cancel(CANCEL, ORDER, Side.BUY, 0);
        output.onRejected(CANCEL);
        assertFalse(pending.isPending(CANCEL));
        assertTrue(pending.isPending(ORDER), "the order's own request is still unanswered");
        assertEquals(0, output.cancelsInFlight());
    }

    @Test
    void anUnansweredRequestIsResentThenGivenUp()
    {
        final long start = System.nanoTime();
        int resent = 0;
        for (int i = 1; i <= 4; i++)
        {
            resent += pending.resendDue(publisher, start + i * 2_000_000L);
        }
        assertEquals(2, resent, "sent once, resent until three attempts");
        assertEquals(List.of(ORDER), givenUp);
    }
}
