package checksum

import "testing"

func TestLuhn(t *testing.T) {
	for _, c := range []struct {
		v    string
		want bool
	}{{"4111111111111111", true}, {"4111111111111112", false}, {"79927398713", true}, {"0", true}, {"", false}} {
		if Luhn([]byte(c.v)) != c.want {
			t.Errorf("Luhn(%s) != %v", c.v, c.want)
		}
	}
	if d := LuhnDigit([]byte("411111111111111")); d != 1 {
		t.Errorf("LuhnDigit = %d, want 1", d)
	}
}

func TestIINControl(t *testing.T) {
	for _, c := range []struct {
		v    string
		want int
	}{{"90010130001", 7}, {"04022960001", 1}, {"09081860001", 2}, {"1", -1}} {
		if got := IINControl([]byte(c.v)); got != c.want {
			t.Errorf("IINControl(%s) = %d, want %d", c.v, got, c.want)
		}
	}
}
