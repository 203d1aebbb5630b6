package org.hotline.bridge.agi;

import org.hotline.ivr.engine.FlowEngine;
import org.hotline.ivr.load.FlowLibrary;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

/**
 * The IVR flows as FastAGI scripts: {@code agi://host:4573/hotline} runs flow {@code hotline}
 * as the library has it now (a reload adds, changes or removes flows for the next calls).
 */
public final class AgiFlows implements AgiScripts {

    private final FlowLibrary library;
    private final FlowEngine engine;
    private final Function<AgiSession, String> serverOf;

    /** @param serverOf which Asterisk a session comes from (its AMI server's name), for the IVR session log */
    public AgiFlows(FlowLibrary library, FlowEngine engine, Function<AgiSession, String> serverOf) {
        this.library = library;
        this.engine = engine;
        this.serverOf = serverOf;
    }

    @Override
    public Optional<AgiScript> script(String name) {
        return library.flow(name).map(flow -> session -> engine.run(flow, new AgiCallChannel(session, serverOf.apply(session))));
    }

    @Override
    public Collection<String> names() {
        return library.flows().keySet();
    }
}
