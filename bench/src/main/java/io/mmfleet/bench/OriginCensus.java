package io.mmfleet.bench;

import io.mmfleet.bus.BusMessageHandler;
import io.mmfleet.bus.BusSubscriber;
import io.mmfleet.bus.Envelope;
import io.mmfleet.bus.GapListener;
import io.mmfleet.bus.TopicView;
import io.mmfleet.sbe.BookUpdateDecoder;
import io.mmfleet.sbe.CommandType;
import io.mmfleet.sbe.ExecutionReportDecoder;
import io.mmfleet.sbe.MessageHeaderDecoder;
import io.mmfleet.sbe.OrderCommandDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.zeromq.ZContext;

/**
 * What caused the new orders of a fleet run, read off the bus: an OrderCommand NEW carries the
 * originNs of the event behind it, which is either a BookUpdate's (a market data frame reaching
 * quote-server), an ExecutionReport's (a venue reply reaching exec-handler: a fill, or an order the
 * venue ended unasked, after which the market maker requotes; an order replaced after a cancel carries
 * the book that decided it) or neither (the bus stamps the sending time when there is no cause: a
 * market maker's timer). Counted once per command id, so resends count once.
 */
final class OriginCensus implements AutoCloseable
{
    /** New orders by the kind of event behind them. */
    record Counts(long marketData, long venueReply, long timer)
    {
        long total()
        {
            return marketData + venueReply + timer;
        }
    }

    private static final int RECEIVE_HWM = 100_000;

    private final ZContext context = new ZContext(1);
    private final BusSubscriber subscriber;
    private final LongHashSet bookOrigins = new LongHashSet();
    private final LongHashSet replyOrigins = new LongHashSet();
    private final LongHashSet newCommandIds = new LongHashSet();
    private final LongArrayList newOrderOrigins = new LongArrayList();
    private final OrderCommandDecoder command = new OrderCommandDecoder();
    private final BusMessageHandler handler = this::onMessage;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    // Written by the census thread only; read to know the subscriptions are in.
    private volatile long booksSeen;
    private volatile long repliesSeen;
    private volatile long commandsSeen;
    private volatile long newCommandsSeen;

    /**
     * @param marketData the quote-server's PUB endpoint (BookUpdates on md.).
     * @param execution  the exec-handler's (ExecutionReports on exec.).
     * @param commands   the OMS's (OrderCommands on ord.cmd.).
     */
    OriginCensus(final String marketData, final String execution, final String commands)
    {
        subscriber = new BusSubscriber(context, RECEIVE_HWM, GapListener.NONE)
            .connect(marketData).connect(execution).connect(commands)
            .subscribe("md.").subscribe("exec.").subscribe("ord.cmd.");
        thread = new Thread(this::receive, "origin-census");
        thread.setDaemon(true);
        thread.start();
    }

    long booksSeen()
    {
        return booksSeen;
    }

    long repliesSeen()
    {
        return repliesSeen;
    }

    long commandsSeen()
    {
        return commandsSeen;
    }

    /** NEW commands, resends included. */
    long newCommandsSeen()
    {
        return newCommandsSeen;
    }

    /** Stops listening and classifies every new order seen. */
    Counts finish()
    {
        running = false;
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the census", ex);
        }
        final Throwable cause = failure;
        if (cause != null)
        {
            throw new IllegalStateException("bus census failed: " + cause, cause);
        }
        long marketData = 0;
        long venueReply = 0;
        long timer = 0;
        for (int i = 0; i < newOrderOrigins.size(); i++)
        {
            final long origin = newOrderOrigins.getLong(i);
            if (bookOrigins.contains(origin))
            {
                marketData++;
            }
            else if (replyOrigins.contains(origin))
            {
                venueReply++;
            }
            else
            {
                timer++;
            }
        }
        return new Counts(marketData, venueReply, timer);
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        subscriber.close();
        context.close();
    }

    private void receive()
    {
        final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
        try
        {
            while (running)
            {
                idle.idle(subscriber.poll(handler, 1_000));
            }
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
        }
    }

    private void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        switch (header.templateId())
        {
            case BookUpdateDecoder.TEMPLATE_ID ->
            {
                bookOrigins.add(header.originNs());
                booksSeen++;
            }
            case ExecutionReportDecoder.TEMPLATE_ID ->
            {
                replyOrigins.add(header.originNs());
                repliesSeen++;
            }
            case OrderCommandDecoder.TEMPLATE_ID ->
            {
                commandsSeen++;
                command.wrap(buffer, Envelope.HEADER_LENGTH, header.blockLength(), header.version());
                if (command.commandType() == CommandType.NEW)
                {
                    newCommandsSeen++;
                    if (newCommandIds.add(command.commandId()))
                    {
                        newOrderOrigins.addLong(header.originNs());
                    }
                }
            }
            default ->
            {
            }
        }
    }
}
