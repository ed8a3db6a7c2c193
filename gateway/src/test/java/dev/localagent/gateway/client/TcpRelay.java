package dev.localagent.gateway.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real TCP relay between the client and the gateway, for failures a healthy server never
 * produces on loopback: {@link #blackholeAll()} keeps the sockets open but stops forwarding (a
 * hung server or a dead network path: only a ping deadline notices), {@link #resetAll()} drops
 * them with a TCP reset. Connections made afterwards are relayed normally.
 */
final class TcpRelay implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress upstream;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();

  TcpRelay(InetSocketAddress upstream) throws IOException {
    this.upstream = upstream;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("relay-accept").start(this::acceptLoop);
  }

  URI webSocketUri() {
    return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/v1/ws");
  }

  void blackholeAll() {
    links.forEach(link -> link.blackholed = true);
  }

  void resetAll() {
    links.forEach(Link::reset);
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(upstream.getAddress(), upstream.getPort());
        var link = new Link(client, server);
        links.add(link);
        Thread.ofVirtual().start(() -> link.pump(client, server));
        Thread.ofVirtual().start(() -> link.pump(server, client));
      } catch (IOException e) {
        return; // Closed.
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    resetAll();
  }

  private final class Link {
    final Socket client;
    final Socket server;
    volatile boolean blackholed;

    Link(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void pump(Socket from, Socket to) {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (!blackholed) {
            out.write(buffer, 0, n);
            out.flush();
          }
        }
      } catch (IOException e) {
        // One side went away; the finally below takes the other down too.
      } finally {
        if (!blackholed) {
          reset();
        }
      }
    }

    void reset() {
      links.remove(this);
      for (Socket socket : new Socket[] {client, server}) {
        try {
          socket.setSoLinger(true, 0); // RST rather than FIN, as a dropped network path looks.
          socket.close();
        } catch (IOException e) {
          // Already closed.
        }
      }
    }
  }
}
