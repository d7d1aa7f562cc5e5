package io.mmfleet.venuesim.binance;

import io.mmfleet.venuesim.engine.EngineExecutor;
import io.mmfleet.venuesim.engine.FeeSchedule;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The Binance front end over one engine: REST, market streams and the WebSocket API, started and stopped together. */
public final class BinanceVenue implements AutoCloseable
{
    private final RestServer rest;
    private final MarketStreamServer streams;
    private final WsApiServer wsApi;

    private BinanceVenue(final RestServer rest, final MarketStreamServer streams, final WsApiServer wsApi)
    {
        this.rest = rest;
        this.streams = streams;
        this.wsApi = wsApi;
    }

    /**
     * @param hub the listener the engine was built with; the front end's stream consumers attach to it.
     */
    public static BinanceVenue start(final BinanceVenueConfig config, final EngineExecutor executor,
        final EngineEventHub hub, final ApiKeyRegistry keys, final Map<Long, FeeSchedule> fees) throws IOException
    {
        final Instruments instruments;
        try
        {
            instruments = executor.submit(Instruments::snapshot).get(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted reading instruments from the engine", ex);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new IOException("could not read instruments from the engine", ex);
        }
        final java.util.function.LongSupplier clock = System::currentTimeMillis;
        final TradingOperations operations = new TradingOperations(executor, instruments, fees, config.limits());
        final RequestAuthenticator authenticator = new RequestAuthenticator(keys, clock);
        final RequestWeightLimiter weights = new RequestWeightLimiter(config.limits(), clock);
        final OrderCountLimiter orders = new OrderCountLimiter(config.limits(), clock);
        final RestServer rest = new RestServer(config.bindHost(), config.restPort(), config.maxBodyBytes(), operations,
            authenticator, weights, orders, clock);
        final MarketStreamServer streams = new MarketStreamServer(config, executor, instruments, clock);
        try
        {
            streams.startAndAwait();
        }
        catch (final IOException ex)
        {
            rest.close();
            throw ex;
        }
        final WsApiServer wsApi = new WsApiServer(config, operations, authenticator, weights, orders, clock);
        try
        {
            wsApi.startAndAwait();
        }
        catch (final IOException ex)
        {
            rest.close();
            streams.close();
            throw ex;
        }
        hub.attach(streams);
        hub.attach(wsApi);
        return new BinanceVenue(rest, streams, wsApi);
    }

    public int restPort()
    {
        return rest.port();
    }

    public int streamPort()
    {
        return streams.getPort();
    }

    public int wsApiPort()
    {
        return wsApi.getPort();
    }

    @Override
    public void close()
    {
        rest.close();
        streams.close();
        wsApi.close();
    }
}
