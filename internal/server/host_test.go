package server

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// TestHostHeader sends real requests with the Host header of each name to
// a preview bound to a name of the machine: that name, localhost and
// loopback IPs on the preview's port are answered; other names, other
// ports, and other IPs are refused with 403 and a line saying why. With no
// Port, any port is accepted (a server that does not know its port).
func TestHostHeader(t *testing.T) {
	var current atomic.Pointer[Server]
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		current.Load().Handler().ServeHTTP(w, r)
	}))
	defer ts.Close()
	port := ts.Listener.Addr().(*net.TCPAddr).Port
	p := strconv.Itoa(port)
	for _, tc := range []struct {
		opts  Options
		hosts map[string]int
	}{
		{Options{Bind: "preview.lan", Port: port}, map[string]int{
			"preview.lan:" + p: 200, "Preview.LAN.:" + p: 200, "localhost:" + p: 200, "127.0.0.1:" + p: 200,
			"[::1]:" + p: 200, "preview.lan:1" + p: 403, "attacker.example:" + p: 403, "192.0.2.7:" + p: 403,
			"preview.lan": 403,
		}},
		{Options{}, map[string]int{"localhost:1": 200, "127.0.0.1:" + p: 200, "attacker.example:" + p: 403}},
		{Options{Bind: "::", Port: 80, Names: []string{"studio"}}, map[string]int{
			"192.0.2.7": 200, "[2001:db8::1]": 200, "studio": 200, "attacker.example": 403, "192.0.2.7:8080": 403,
		}},
	} {
		s := New(tc.opts)
		s.Publish(map[string][]byte{"index.html": []byte("<p>home</p>")}, nil)
		current.Store(s)
		for host, want := range tc.hosts {
			req, err := http.NewRequest("GET", ts.URL+"/", nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Host = host
			resp, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != want {
				t.Errorf("bound to %q port %d, Host %q: status %d, want %d", tc.opts.Bind, tc.opts.Port, host, resp.StatusCode, want)
			}
			if want == 403 && !strings.Contains(string(body), "does not name this preview") {
				t.Errorf("Host %q: the refusal does not say why: %s", host, body)
			}
		}
		s.Close()
	}
}
