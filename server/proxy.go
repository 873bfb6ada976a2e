package server

import (
	"fmt"
	"net"
	"net/netip"
	"strings"
	"time"

	"github.com/pires/go-proxyproto"
)

// proxyHeaderTimeout bounds how long a trusted proxy may take to send its
// PROXY header.
const proxyHeaderTimeout = 5 * time.Second

// proxyListener expects a PROXY protocol header (v1 or v2) from the
// trusted proxies and closes any connection from elsewhere, counting the
// refusal (without logging the client's address as the proxy's, or
// trusting a header from someone who is not a proxy).
func (s *Server) proxyListener(ln net.Listener) net.Listener {
	return &proxyproto.Listener{
		Listener:          ln,
		ReadHeaderTimeout: proxyHeaderTimeout,
		ConnPolicy: func(o proxyproto.ConnPolicyOptions) (proxyproto.Policy, error) {
			ap, err := netip.ParseAddrPort(o.Upstream.String())
			if err == nil {
				for _, p := range s.cfg.TrustedProxies {
					if p.Contains(ap.Addr().Unmap()) {
						return proxyproto.REQUIRE, nil
					}
				}
			}
			s.refuse(refuseProxy, "refused connection: not from a trusted proxy", "peer", o.Upstream.String())
			return proxyproto.REJECT, fmt.Errorf("%w: %s", proxyproto.ErrInvalidUpstream, o.Upstream)
		},
	}
}

// ParseTrustedProxies reads addresses and CIDR prefixes ("10.0.0.5",
// "10.0.0.0/24", "fd00::/8"), separated by commas or given one by one.
func ParseTrustedProxies(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, item := range list {
		for _, f := range strings.Split(item, ",") {
			f = strings.TrimSpace(f)
			if f == "" {
				continue
			}
			if p, err := netip.ParsePrefix(f); err == nil {
				out = append(out, p.Masked())
				continue
			}
			a, err := netip.ParseAddr(f)
			if err != nil {
				return nil, fmt.Errorf("--trusted-proxies: %q is neither an address nor a prefix (10.0.0.0/24)", f)
			}
			a = a.Unmap()
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
		}
	}
	return out, nil
}
