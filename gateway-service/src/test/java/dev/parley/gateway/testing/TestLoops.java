package dev.parley.gateway.testing;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/** One small set of daemon event loops for every test client and test server of the module. */
public final class TestLoops {

    public static final EventLoopGroup GROUP =
            new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("test-net", true), NioIoHandler.newFactory());

    private TestLoops() {
    }
}
