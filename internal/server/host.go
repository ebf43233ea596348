package server

import (
	"fmt"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// allowedHost reports whether a request's Host header names this preview:
// the bound address, localhost or a loopback IP, with the port the preview
// listens on. Anything else is refused, since a page of another site can
// reach a server on this machine by pointing a name of its own at 127.0.0.1
// (DNS rebinding) and would then read the preview, drafts included. When
// the preview is bound to every address (0.0.0.0 or ::), other machines
// name it by one of its IP addresses or by its host name: an IP address is
// accepted, since no rebinding page can be served from one, and so are the
// machine's names in Options.Names.
func (s *Server) allowedHost(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil { // no port: the browser leaves out port 80
		host, port = strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]"), "80"
	}
	if s.opts.Port != 0 && port != strconv.Itoa(s.opts.Port) {
		return false
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if host == "localhost" || host == strings.ToLower(s.opts.Bind) {
		return true
	}
	ip := net.ParseIP(host)
	if ip != nil && ip.IsLoopback() {
		return true
	}
	if bind := net.ParseIP(s.opts.Bind); bind != nil && bind.IsUnspecified() {
		return ip != nil || slices.ContainsFunc(s.opts.Names, func(name string) bool { return strings.EqualFold(host, name) })
	}
	return false
}

// refuseHost answers a request for a host that is not this preview with
// 403 and a line saying why, and logs the first refusal of each host.
func (s *Server) refuseHost(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	first := !s.refused[r.Host] && len(s.refused) < 100
	if first {
		s.refused[r.Host] = true
	}
	s.mu.Unlock()
	names := "localhost or a loopback address"
	if s.opts.Bind != "" {
		names = s.opts.Bind + ", " + names
	}
	if s.opts.Port != 0 {
		names += fmt.Sprintf(", port %d", s.opts.Port)
	}
	msg := fmt.Sprintf("403 forbidden: the Host header %q does not name this preview (%s); folio serve refuses other names so that a web page cannot read the preview through DNS rebinding; open the address folio serve printed", r.Host, names)
	if first {
		s.logf("refused a request for host %q: not %s (DNS rebinding protection)", r.Host, names)
	}
	http.Error(w, msg, http.StatusForbidden)
}
