package io.mmfleet.oms.core;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Cancel-all commands (one per venue and instrument: Binance's openOrders.cancelAll is per symbol)
 * that a kill switch sent, each pending until the exec-handler answers it. An unanswered one is sent
 * again with the same command id each retry interval (the exec-handler dedupes); a refused one is
 * sent again with a new command id, since the refusal answered the old one. At most one is pending
 * per pair: engaging again while one is pending sends nothing more. Allocates only when a pair is
 * seen for the first time.
 */
public final class CancelAllTracker
{
    /** Where a cancel-all goes. */
    @FunctionalInterface
    public interface Sender
    {
        void sendCancelAll(long commandId, int venueId, int instrumentId);
    }

    private final Long2ObjectHashMap<Pending> byPair = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<Pending> byCommand = new Long2ObjectHashMap<>();
    private final List<Pending> all = new ArrayList<>();
    private long retryNs;

    public CancelAllTracker(final long retryNs)
    {
        retryNs(retryNs);
    }

    public void retryNs(final long retryNs)
    {
        if (retryNs <= 0)
        {
            throw new IllegalArgumentException("retry interval must be positive: " + retryNs);
        }
        this.retryNs = retryNs;
    }

    /**
     * Sends a cancel-all for the pair now unless one is already pending.
     *
     * @return true if one was sent
     */
    public boolean request(final int venueId, final int instrumentId, final CommandIds commandIds, final long nowNs, final Sender sender)
    {
        final long key = InstrumentExposure.key(venueId, instrumentId);
        Pending pending = byPair.get(key);
        if (pending == null)
        {
            pending = new Pending(venueId, instrumentId);
            byPair.put(key, pending);
            all.add(pending);
        }
        if (pending.commandId != 0)
        {
            return false;
        }
        send(pending, commandIds.next(), nowNs, sender);
        return true;
    }

    /**
     * The exec-handler answered a command: if it is a pending cancel-all, {@code done} ends it and a
     * refusal leaves it to be sent again (with a new id) at the next retry.
     *
     * @return true if {@code commandId} was a pending cancel-all
     */
    public boolean onAnswer(final long commandId, final boolean done)
    {
        final Pending pending = byCommand.remove(commandId);
        if (pending == null)
        {
            return false;
        }
        if (done)
        {
            pending.commandId = 0;
        }
        else
        {
            pending.refused = true;
        }
        return true;
    }

    /**
     * Sends again each pending cancel-all whose retry is due. {@code nextCommandId} gives a fresh
     * id for a refused one.
     */
    public void poll(final long nowNs, final CommandIds nextCommandId, final Sender sender)
    {
        for (int i = 0; i < all.size(); i++)
        {
            final Pending pending = all.get(i);
            if (pending.commandId != 0 && nowNs - pending.sentNs >= retryNs)
            {
                send(pending, pending.refused ? nextCommandId.next() : pending.commandId, nowNs, sender);
            }
        }
    }

    /** Whether a cancel-all is pending (sent, or refused and to be sent again) for the pair. */
    public boolean isPending(final int venueId, final int instrumentId)
    {
        final Pending pending = byPair.get(InstrumentExposure.key(venueId, instrumentId));
        return pending != null && pending.commandId != 0;
    }

    /** How many pairs have a cancel-all pending. */
    public int pendingCount()
    {
        int count = 0;
        for (int i = 0; i < all.size(); i++)
        {
            if (all.get(i).commandId != 0)
            {
                count++;
            }
        }
        return count;
    }

    private void send(final Pending pending, final long commandId, final long nowNs, final Sender sender)
    {
        if (pending.commandId != commandId)
        {
            byCommand.remove(pending.commandId);
        }
        pending.commandId = commandId;
        pending.refused = false;
        pending.sentNs = nowNs;
        byCommand.put(commandId, pending);
        sender.sendCancelAll(commandId, pending.venueId, pending.instrumentId);
    }

    /** A source of fresh command ids. */
    @FunctionalInterface
    public interface CommandIds
    {
        long next();
    }

    private static final class Pending
    {
        final int venueId;
        final int instrumentId;
        /** 0 when nothing is pending. */
        long commandId;
        long sentNs;
        boolean refused;

        Pending(final int venueId, final int instrumentId)
        {
            this.venueId = venueId;
            this.instrumentId = instrumentId;
        }
    }
}
