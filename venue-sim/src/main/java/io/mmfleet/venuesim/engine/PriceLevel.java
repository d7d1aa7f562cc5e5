package io.mmfleet.venuesim.engine;

/** All resting orders at one price, oldest first, as an intrusive doubly linked FIFO. */
final class PriceLevel
{
    final long price;
    long totalQty;
    Order head;
    Order tail;

    PriceLevel(final long price)
    {
        this.price = price;
    }

    void append(final Order order)
    {
        order.level = this;
        order.prev = tail;
        order.next = null;
        if (tail == null)
        {
            head = order;
        }
        else
        {
            tail.next = order;
        }
        tail = order;
        totalQty += order.remainingQty();
    }

    void unlink(final Order order)
    {
        if (order.prev == null)
        {
            head = order.next;
        }
        else
        {
            order.prev.next = order.next;
        }
        if (order.next == null)
        {
            tail = order.prev;
        }
        else
        {
            order.next.prev = order.prev;
        }
        totalQty -= order.remainingQty();
        order.prev = null;
        order.next = null;
        order.level = null;
    }

    boolean isEmpty()
    {
        return head == null;
    }
}
