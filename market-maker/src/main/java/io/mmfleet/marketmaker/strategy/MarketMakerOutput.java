package io.mmfleet.marketmaker.strategy;

/** Everything {@link MarketMaker} sends: order requests and strategy events. The daemon implements it. */
public interface MarketMakerOutput extends OrderActions, StrategyEvents
{
}
