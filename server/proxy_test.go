package server_test

import (
	"io"
	"net"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/pires/go-proxyproto"
	gossh "golang.org/x/crypto/ssh"

	"casia/server"
)

// dialVia connects from the local address from, writes header (if any)
// and speaks SSH over the connection.
func (ts *testServer) dialVia(t testing.TB, from string, header func(net.Conn) error) (*gossh.Client, error) {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 5 * time.Second}
	conn, err := d.Dial("tcp", ts.addr)
	if err != nil {
		return nil, err
	}
	if header != nil {
		if err := header(conn); err != nil {
			conn.Close()
			return nil, err
		}
	}
	cc, chans, reqs, err := gossh.NewClientConn(conn, ts.addr, &gossh.ClientConfig{
		User: "reader", Auth: []gossh.AuthMethod{noQuestions},
		HostKeyCallback: gossh.FixedHostKey(ts.HostKey()), Timeout: 5 * time.Second,
	})
	if err != nil {
		conn.Close()
		return nil, err
	}
	c := gossh.NewClient(cc, chans, reqs)
	t.Cleanup(func() { c.Close() })
	return c, nil
}

func v1(src string) func(net.Conn) error {
	return func(c net.Conn) error {
		_, err := io.WriteString(c, "PROXY TCP4 "+src+" 127.0.0.1 51000 23234\r\n")
		return err
	}
}

func v2(src string) func(net.Conn) error {
	return func(c net.Conn) error {
		h := &proxyproto.Header{
			Version: 2, Command: proxyproto.PROXY, TransportProtocol: proxyproto.TCPv4,
			SourceAddr:      &net.TCPAddr{IP: net.ParseIP(src), Port: 52000},
			DestinationAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.1"), Port: 23234},
		}
		_, err := h.WriteTo(c)
		return err
	}
}

func TestProxyProtocol(t *testing.T) {
	m := server.NewMetrics()
	ts := start(t, func(c *server.Config) {
		c.ProxyProtocol = true
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
		c.Limits.PerAddress = 1
		c.Metrics = m
	})

	// v1 and v2 headers from the trusted proxy: the client's address is
	// the one logged.
	for src, header := range map[string]func(net.Conn) error{"203.0.113.7": v1("203.0.113.7"), "198.51.100.9": v2("198.51.100.9")} {
		c, err := ts.dialVia(t, "127.0.0.1", header)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if _, _, code := run(t, c, "show kz"); code != 0 {
			t.Errorf("%s: exit status %d", src, code)
		}
		ts.logs.waitLog(t, "remote="+src+":")
	}

	// Per-address limits count the client, not the proxy: a second
	// connection from 203.0.113.7 is over its limit of one, another
	// client's is not.
	if _, err := ts.dialVia(t, "127.0.0.1", v1("203.0.113.7")); err == nil {
		t.Error("a second connection from one client address got past --max-per-address 1")
	}
	if _, err := ts.dialVia(t, "127.0.0.1", v1("203.0.113.8")); err != nil {
		t.Errorf("another client behind the same proxy: %v", err)
	}

	// A header from anyone else is refused, and so is a trusted proxy's
	// connection without one.
	if _, err := ts.dialVia(t, "127.0.0.2", v1("203.0.113.99")); err == nil {
		t.Error("a PROXY header from an untrusted address was accepted")
	}
	if _, err := ts.dialVia(t, "127.0.0.2", nil); err == nil {
		t.Error("a direct connection from outside the trusted proxies was accepted")
	}
	if _, err := ts.dialVia(t, "127.0.0.1", nil); err == nil {
		t.Error("the trusted proxy's connection without a header was accepted")
	}
	ts.logs.waitLog(t, "not from a trusted proxy")
	if strings.Contains(ts.logs.String(), "203.0.113.99") {
		t.Error("an untrusted header's address was logged as a client's")
	}
	hs := httptest.NewServer(m.Handler())
	defer hs.Close()
	deadline := time.Now().Add(5 * time.Second)
	for value(t, scrape(t, hs.URL), "casia_ssh_refusals_total", "reason", "proxy") < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("proxy refusals: %v, want 3", value(t, scrape(t, hs.URL), "casia_ssh_refusals_total", "reason", "proxy"))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestParseTrustedProxies(t *testing.T) {
	got, err := server.ParseTrustedProxies([]string{"10.0.0.5", "10.1.0.0/16,fd00::/8", " 192.168.1.7/24 "})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"10.0.0.5/32", "10.1.0.0/16", "fd00::/8", "192.168.1.0/24"}
	if len(got) != len(want) {
		t.Fatalf("%v", got)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("%d: %s, want %s", i, got[i], want[i])
		}
	}
	if _, err := server.ParseTrustedProxies([]string{"proxy.example.com"}); err == nil {
		t.Error("a host name was accepted")
	}
}
