package io.mmfleet.bus;

import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Requests sent and not yet answered. PUB drops past its high-water mark, so reliability is end to
 * end: the sender keeps a copy of every request and republishes it each retransmit interval until
 * the receiver's answer arrives (receivers dedupe by id, so a resend is harmless) or the attempts
 * run out, which is reported, never silent.
 *
 * <p>Fixed capacity, preallocated slots: tracking, answering and resending allocate nothing unless
 * a message longer than any seen before needs a bigger slot. Single-threaded.
 */
public final class PendingRequests
{
    /** Told when a request ran out of attempts; it is no longer tracked. */
    @FunctionalInterface
    public interface GiveUpListener
    {
        void onGiveUp(long requestId, String topic, int attempts);
    }

    private static final int INITIAL_SLOT_BYTES = 256;

    private final long intervalNs;
    private final int maxAttempts;
    private final GiveUpListener giveUpListener;
    private final Long2LongHashMap slotByRequestId = new Long2LongHashMap(-1);
    private final long[] requestIds;
    private final long[] dueNs;
    private final int[] attempts;
    private final int[] lengths;
    private final PublishStream[] streams;
    private final UnsafeBuffer[] messages;
    private final int[] freeSlots;
    private int freeCount;
    private long earliestDueNs = Long.MAX_VALUE;
    private long resends;
    private long givenUp;

    public PendingRequests(final int capacity, final long intervalNs, final int maxAttempts, final GiveUpListener giveUpListener)
    {
        if (capacity < 1 || intervalNs < 1 || maxAttempts < 1)
        {
            throw new IllegalArgumentException("capacity, interval and attempts must be positive");
        }
        this.intervalNs = intervalNs;
        this.maxAttempts = maxAttempts;
        this.giveUpListener = giveUpListener;
        requestIds = new long[capacity];
        dueNs = new long[capacity];
        attempts = new int[capacity];
        lengths = new int[capacity];
        streams = new PublishStream[capacity];
        messages = new UnsafeBuffer[capacity];
        freeSlots = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            messages[i] = new UnsafeBuffer(new byte[INITIAL_SLOT_BYTES]);
            freeSlots[i] = capacity - 1 - i;
        }
        freeCount = capacity;
    }

    /**
     * Remembers a request that has just been published once.
     *
     * @return false if the request is already tracked or there is no free slot (the caller must
     * treat the latter as back-pressure: too many unanswered requests).
     */
    public boolean track(
        final long requestId, final PublishStream stream, final DirectBuffer message, final int offset, final int length, final long nowNs)
    {
        if (freeCount == 0 || slotByRequestId.containsKey(requestId))
        {
            return false;
        }
        final int slot = freeSlots[--freeCount];
        if (messages[slot].capacity() < length)
        {
            messages[slot] = new UnsafeBuffer(new byte[Math.max(length, messages[slot].capacity() * 2)]);
        }
        message.getBytes(offset, messages[slot], 0, length);
        requestIds[slot] = requestId;
        lengths[slot] = length;
        streams[slot] = stream;
        attempts[slot] = 1;
        dueNs[slot] = nowNs + intervalNs;
        earliestDueNs = Math.min(earliestDueNs, dueNs[slot]);
        slotByRequestId.put(requestId, slot);
        return true;
    }

    /** @return true if the request was pending (and is no longer). */
    public boolean answered(final long requestId)
    {
        final long slot = slotByRequestId.remove(requestId);
        if (slot < 0)
        {
            return false;
        }
        release((int)slot);
        return true;
    }

    public boolean isPending(final long requestId)
    {
        return slotByRequestId.containsKey(requestId);
    }

    /**
     * Republishes every request whose interval has passed; gives up on those out of attempts.
     *
     * @return number of messages republished.
     */
    public int resendDue(final BusPublisher publisher, final long nowNs)
    {
        if (nowNs < earliestDueNs)
        {
            return 0;
        }
        int resent = 0;
        long nextEarliest = Long.MAX_VALUE;
        for (int slot = 0; slot < requestIds.length; slot++)
        {
            if (streams[slot] == null)
            {
                continue;
            }
            if (dueNs[slot] <= nowNs)
            {
                if (attempts[slot] >= maxAttempts)
                {
                    final long requestId = requestIds[slot];
                    final String topic = streams[slot].topic();
                    final int tried = attempts[slot];
                    slotByRequestId.remove(requestId);
                    release(slot);
                    givenUp++;
                    giveUpListener.onGiveUp(requestId, topic, tried);
                    continue;
                }
                publisher.republish(streams[slot], messages[slot], 0, lengths[slot]);
                attempts[slot]++;
                dueNs[slot] = nowNs + intervalNs;
                resends++;
                resent++;
            }
            nextEarliest = Math.min(nextEarliest, dueNs[slot]);
        }
        earliestDueNs = nextEarliest;
        return resent;
    }

    private void release(final int slot)
    {
        streams[slot] = null;
        freeSlots[freeCount++] = slot;
    }

    public int size()
    {
        return requestIds.length - freeCount;
    }

    public long resends()
    {
        return resends;
    }

    public long givenUp()
    {
        return givenUp;
    }
}
