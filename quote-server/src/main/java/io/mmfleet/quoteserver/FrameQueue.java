package io.mmfleet.quoteserver;

import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.function.Consumer;

/**
 * The bounded hand-over of venue frames from the WebSocket I/O threads to the event loop, over a
 * fixed pool of reused holders so steady state allocates nothing here. When the loop falls behind
 * the pool runs dry and frames are dropped and counted: the depth stream's update ids then show the
 * gap and the book resyncs, rather than the loop working through a backlog of stale frames.
 */
final class FrameQueue
{
    private final ManyToManyConcurrentArrayQueue<VenueFrame> free;
    private final ManyToOneConcurrentArrayQueue<VenueFrame> ready;

    FrameQueue(final int capacity)
    {
        free = new ManyToManyConcurrentArrayQueue<>(capacity);
        ready = new ManyToOneConcurrentArrayQueue<>(capacity);
        for (int i = 0; i < free.capacity(); i++)
        {
            free.offer(new VenueFrame());
        }
    }

    /**
     * I/O thread: queues a frame.
     *
     * @return false if the queue is full and the frame was dropped.
     */
    boolean offer(final int connectionId, final String text, final long arrivalEpochNs)
    {
        final VenueFrame frame = free.poll();
        if (frame == null)
        {
            return false;
        }
        frame.connectionId = connectionId;
        frame.text = text;
        frame.arrivalEpochNs = arrivalEpochNs;
        // Cannot fail: ready holds at most what the pool lent out.
        ready.offer(frame);
        return true;
    }

    /** Event loop: hands up to {@code limit} frames to {@code handler}, returning each to the pool. */
    int drain(final Consumer<VenueFrame> handler, final int limit)
    {
        int count = 0;
        VenueFrame frame;
        while (count < limit && (frame = ready.poll()) != null)
        {
            try
            {
                handler.accept(frame);
            }
            finally
            {
                frame.clear();
                free.offer(frame);
            }
            count++;
        }
        return count;
    }

    int size()
    {
        return ready.size();
    }
}
