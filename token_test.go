package tazala

import "testing"

func TestNormalize(t *testing.T) {
	cases := []struct {
		k       Kind
		in, out string
	}{
		{KindPhone, "+7 701 540 18 02", "+77015401802"},
		{KindPhone, "87015401802", "+77015401802"},
		{KindPhone, "8 (701) 540-18-02", "+77015401802"},
		{KindPhone, "7015401802", "+77015401802"},
		{KindPhone, "+44 20 7946 0958", "+442079460958"},
		{KindPhone, "77015401802", "+77015401802"},
		{KindIIN, "900101300017", "900101300017"},
		{KindPAN, "4111 1111-1111 1111", "4111111111111111"},
		{KindEmail, "Asel.Li@Outlook.COM", "Asel.Li@outlook.com"},
		{KindExpiry, "12/2027", "12/27"},
		{KindExpiry, "1227", "12/27"},
		{KindName, "ASEL   Li", "asel li"},
	}
	for _, c := range cases {
		if got := Normalize(c.k, []byte(c.in)); got != c.out {
			t.Errorf("Normalize(%v, case %q): got %q, want %q", c.k, c.out, got, c.out)
		}
	}
	if string(AppendMACInput(nil, KindIIN, []byte("900101300017"))) != string(MACInput(KindIIN, "900101300017")) {
		t.Error("AppendMACInput differs from MACInput")
	}
}

func TestTokenID(t *testing.T) {
	id := TokenID(make([]byte, 32))
	if len(id) != len(TokenPrefix)+24 || id[:3] != TokenPrefix {
		t.Errorf("token id %q: want tk_ + 24 characters", id)
	}
}
