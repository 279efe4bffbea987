# A fake pod for the service-proxy tests: an HTTP/1.1 server (keep-alive) on <ip>:<port> that
# answers every request with its name. Binds without http.server's reverse DNS lookup of the
# address, which hangs inside a network namespace with no resolver reachable.
import socketserver
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ip, port, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out as two writes: without this, Nagle's algorithm and delayed ACKs
    # hold the body back 40 ms on every kept-alive request.
    disable_nagle_algorithm = True

    def do_GET(self):
        body = name.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Fake-Pod", name)
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, format, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def server_bind(self):
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = ip, port


Server((ip, port), Handler).serve_forever()
