package io.modelops.runtime.http;

import io.modelops.runtime.metrics.RuntimeMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The Netty HTTP/1.1 server: codec, body aggregation with a size limit, request handler. */
public final class HttpServer implements AutoCloseable {
  private final EventLoopGroup boss =
      new NioEventLoopGroup(1, new DefaultThreadFactory("http-accept", true));
  private final EventLoopGroup workers;
  private Channel serverChannel;

  public HttpServer(int ioThreads) {
    this.workers = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("http-io", true));
  }

  /** Binds and returns the bound address (port 0 picks a free port). */
  public InetSocketAddress start(
      String host, int port, HttpLimits limits, RequestHandler handler, RuntimeMetrics metrics)
      throws InterruptedException {
    ConnectionCap cap = new ConnectionCap(limits.maxConnections());
    ServerBootstrap b =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .handler(new AcceptErrors(1_000))
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    if (!cap.admit(ch)) {
                      return;
                    }
                    ReadTimeouts timeouts =
                        new ReadTimeouts(limits.readTimeout(), limits.idleTimeout());
                    ch.pipeline()
                        .addLast(timeouts.bytes())
                        .addLast(new HttpServerCodec(8192, 16384, 65536))
                        .addLast(new LimitedAggregator(limits.maxBodyBytes(), metrics))
                        .addLast(timeouts.requests())
                        .addLast(handler);
                  }
                });
    serverChannel = b.bind(host, port).sync().channel();
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** Stops accepting connections; open connections stay until {@link #close()}. */
  public void stopAccepting() {
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    stopAccepting();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
  }

  /**
   * Aggregates bodies up to the limit. A larger body gets a JSON 413 and the connection closes, but
   * only once the client has finished sending the body (or after {@link #DISCARD_TIMEOUT_MS}):
   * closing with unread bytes in the socket makes the kernel send a reset, which can destroy the
   * 413 before the client reads it.
   */
  private static final class LimitedAggregator extends HttpObjectAggregator {
    private static final long DISCARD_TIMEOUT_MS = 5_000;
    private final int limit;
    private final RuntimeMetrics metrics;
    private boolean closeAfterBody;

    LimitedAggregator(int limit, RuntimeMetrics metrics) {
      super(limit, true);
      this.limit = limit;
      this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      boolean last = msg instanceof LastHttpContent;
      super.channelRead(ctx, msg);
      if (closeAfterBody && last) {
        ctx.close();
      }
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
      metrics.request(413, -1);
      FullHttpResponse r =
          Responses.error(
              ctx.alloc(),
              413,
              "request body exceeds the limit of " + limit + " bytes (RUNTIME_MAX_BODY_BYTES)");
      r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      if (oversized instanceof LastHttpContent) {
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      // The rest of the body is discarded by the aggregator; close when it has all arrived.
      closeAfterBody = true;
      ctx.writeAndFlush(r);
      ctx.executor().schedule(() -> ctx.close(), DISCARD_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }
  }
}
