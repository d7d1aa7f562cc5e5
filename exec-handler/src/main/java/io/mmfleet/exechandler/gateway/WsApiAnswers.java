package io.mmfleet.exechandler.gateway;

import io.mmfleet.exechandler.binance.BinanceProtocolException;
import io.mmfleet.exechandler.binance.WsApiMessage;
import io.mmfleet.exechandler.binance.WsApiParser;
import io.mmfleet.exechandler.venue.GatewayListener;
import io.mmfleet.exechandler.venue.RequestKind;
import io.mmfleet.exechandler.venue.UpdateOrigin;
import io.mmfleet.exechandler.venue.VenueOrderUpdate;

/**
 * The WebSocket API's answers to order.place, order.cancel and openOrders.cancelAll, to the order
 * core. An answer with status 5xx (or -1007) does not say whether the request took effect, as
 * Binance's docs insist: it is an unknown outcome, so the order core looks the order up instead
 * of assuming either way.
 */
final class WsApiAnswers
{
    private final WsApiParser wsParser;
    private final MalformedInput malformed;
    private GatewayListener listener;

    WsApiAnswers(final WsApiParser wsParser, final MalformedInput malformed)
    {
        this.wsParser = wsParser;
        this.malformed = malformed;
    }

    void listener(final GatewayListener listener)
    {
        this.listener = listener;
    }

    void onAnswer(final WsCall call, final WsApiMessage message)
    {
        final boolean unknownOutcome = message.isOutcomeUnknown();
        try
        {
            switch (call.kind())
            {
                case PLACE -> onPlaceAnswer(call, message, unknownOutcome);
                case CANCEL -> onCancelAnswer(call, message, unknownOutcome);
                case CANCEL_ALL -> onCancelAllAnswer(call, message, unknownOutcome);
                default -> malformed.report("ws_unexpected_response", "answer for a " + call.kind() + " request");
            }
        }
        catch (final BinanceProtocolException ex)
        {
            malformed.report("ws_" + call.kind().name().toLowerCase() + "_answer", ex.getMessage());
            listener.onOutcomeUnknown(call.kind(), call.symbol(), call.clientOrderId(), 0, "unreadable answer: " + ex.getMessage());
        }
    }

    private void onPlaceAnswer(final WsCall call, final WsApiMessage message, final boolean unknownOutcome)
    {
        if (unknownOutcome)
        {
            listener.onOutcomeUnknown(RequestKind.PLACE, call.symbol(), call.clientOrderId(), 0, "venue status " + message.status() + VenueErrors.describe(message.error()));
        }
        else if (message.error() != null)
        {
            listener.onPlaceRejected(call.symbol(), call.clientOrderId(), message.error());
        }
        else
        {
            listener.onOrderUpdate(wsParser.orderResult(message.result(), UpdateOrigin.PLACE_REPLY, call.symbol()));
        }
    }

    private void onCancelAnswer(final WsCall call, final WsApiMessage message, final boolean unknownOutcome)
    {
        if (unknownOutcome)
        {
            listener.onOutcomeUnknown(RequestKind.CANCEL, call.symbol(), call.clientOrderId(), 0, "venue status " + message.status() + VenueErrors.describe(message.error()));
        }
        else if (message.error() != null)
        {
            listener.onCancelRejected(call.symbol(), call.clientOrderId(), message.error());
        }
        else
        {
            listener.onOrderUpdate(wsParser.orderResult(message.result(), UpdateOrigin.CANCEL_REPLY, call.symbol()));
        }
    }

    private void onCancelAllAnswer(final WsCall call, final WsApiMessage message, final boolean unknownOutcome)
    {
        if (unknownOutcome)
        {
            listener.onOutcomeUnknown(RequestKind.CANCEL_ALL, call.symbol(), null, 0, "venue status " + message.status() + VenueErrors.describe(message.error()));
        }
        else if (message.error() != null)
        {
            listener.onCancelAllDone(call.symbol(), message.error());
        }
        else
        {
            for (final VenueOrderUpdate update : wsParser.cancelAllResult(message.result(), call.symbol()))
            {
                listener.onOrderUpdate(update);
            }
            listener.onCancelAllDone(call.symbol(), null);
        }
    }
}
