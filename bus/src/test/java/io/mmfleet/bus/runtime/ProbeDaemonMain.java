package io.mmfleet.bus.runtime;

import io.mmfleet.bus.PublishStream;
import io.mmfleet.bus.TopicView;
import io.mmfleet.bus.config.DaemonSections;
import io.mmfleet.bus.config.FleetConfig;
import io.mmfleet.bus.config.KeyTypes;
import io.mmfleet.bus.config.SectionSpec;
import io.mmfleet.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.util.List;

/**
 * A minimal daemon for the runtime's process tests: it plays the "oms" section, owns one extra
 * key (GREETING) that reloads live, and logs what it sees, so a test can watch the runtime work.
 */
public final class ProbeDaemonMain implements DaemonApp
{
    private static final SectionSpec SECTION = DaemonSections.common("oms")
        .required("GREETING", KeyTypes.nonBlank(), "a word logged at start and after each reload")
        .build();

    private DaemonContext context;

    public static void main(final String[] args)
    {
        DaemonLauncher.main("oms", ProbeDaemonMain::new, args);
    }

    @Override
    public List<SectionSpec> ownedSections()
    {
        return List.of(SECTION);
    }

    @Override
    public void onStart(final DaemonContext context)
    {
        this.context = context;
        final String greeting = context.config().section("oms").string("GREETING");
        context.log().info("event=probe_started greeting={}", greeting);
        if (greeting.equals("fail-on-start"))
        {
            throw new IllegalStateException("probe told to fail on start");
        }
    }

    @Override
    public int doWork(final long nowNs)
    {
        if (context.config().section("oms").string("GREETING").equals("error-in-loop"))
        {
            throw new AssertionError("probe told to throw an Error from its duty cycle");
        }
        return 0;
    }

    @Override
    public void onMessage(final TopicView topic, final MessageHeaderDecoder header, final DirectBuffer buffer, final int length)
    {
        if (header.templateId() != io.mmfleet.sbe.HeartbeatDecoder.TEMPLATE_ID)
        {
            context.log().info("event=probe_message topic={} template={}", topic, header.templateId());
        }
    }

    @Override
    public void onReload(final FleetConfig config)
    {
        context.log().info("event=probe_reloaded greeting={}", config.section("oms").string("GREETING"));
    }

    @Override
    public int republish(final PublishStream stream)
    {
        return -1;
    }

    @Override
    public void onStop()
    {
        context.log().info("event=probe_stopping");
    }
}
