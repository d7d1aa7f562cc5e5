package io.mmfleet.venuesim.engine;

/** Commission rates in parts per million of what the account receives; a negative maker rate is a rebate. */
public record FeeSchedule(long makerRatePpm, long takerRatePpm)
{
    public static final long PPM = 1_000_000L;

    public FeeSchedule
    {
        if (makerRatePpm <= -PPM || makerRatePpm > PPM)
        {
            throw new IllegalArgumentException("makerRatePpm " + makerRatePpm + " outside (-1000000, 1000000]");
        }
        if (takerRatePpm < 0 || takerRatePpm > PPM)
        {
            throw new IllegalArgumentException("takerRatePpm " + takerRatePpm + " outside [0, 1000000]");
        }
    }
}
