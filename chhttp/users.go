package chhttp

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"os"
	"strings"

	"github.com/BurntSushi/toml"
)

// User is one account of the HTTP interface.
type User struct {
	Name string
	Role Role
	// PasswordSHA256 is the hex SHA-256 of the password (what the users
	// file holds: `echo -n secret | sha256sum`).
	PasswordSHA256 string
}

// Users holds the accounts; the zero value refuses everyone.
type Users struct {
	byName map[string]User
}

// NewUsers checks and indexes users: each has a name, a known role and a
// password hash; names are unique.
func NewUsers(users ...User) (*Users, error) {
	u := &Users{byName: map[string]User{}}
	for i, x := range users {
		where := fmt.Sprintf("user %d (%s)", i+1, x.Name)
		if x.Name == "" {
			return nil, fmt.Errorf("chhttp: user %d: name is empty", i+1)
		}
		if _, ok := roleGrants[x.Role]; !ok {
			return nil, fmt.Errorf("chhttp: %s: role %q is not one of analyst, dpo, writer, vault", where, x.Role)
		}
		h, err := hex.DecodeString(x.PasswordSHA256)
		if err != nil || len(h) != sha256.Size {
			return nil, fmt.Errorf("chhttp: %s: password_sha256 must be 64 hex digits", where)
		}
		if _, dup := u.byName[x.Name]; dup {
			return nil, fmt.Errorf("chhttp: %s: name used twice", where)
		}
		u.byName[x.Name] = x
	}
	return u, nil
}

// Len returns the number of users.
func (u *Users) Len() int {
	if u == nil {
		return 0
	}
	return len(u.byName)
}

// HashPassword returns the hex SHA-256 of a password, as User wants it.
func HashPassword(password string) string {
	h := sha256.Sum256([]byte(password))
	return hex.EncodeToString(h[:])
}

// usersFile is the TOML users file:
//
//	[[user]]
//	name = "grafana"
//	role = "analyst"
//	password_sha256 = "…"   # echo -n 'secret' | sha256sum
type usersFile struct {
	User []struct {
		Name           string `toml:"name"`
		Role           string `toml:"role"`
		PasswordSHA256 string `toml:"password_sha256"`
	} `toml:"user"`
}

// LoadUsersFile reads a TOML users file. It refuses a file other users of
// the machine may read, as ssh does with keys.
func LoadUsersFile(path string) ([]User, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("chhttp: users file: %w", err)
	}
	if st.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("chhttp: users file %s: mode %04o lets other users read it; chmod 600 it", path, st.Mode().Perm())
	}
	var f usersFile
	md, err := toml.DecodeFile(path, &f)
	if err != nil {
		return nil, fmt.Errorf("chhttp: users file %s: %w", path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("chhttp: users file %s: unknown field %s", path, und[0])
	}
	out := make([]User, 0, len(f.User))
	for _, x := range f.User {
		out = append(out, User{Name: x.Name, Role: Role(x.Role), PasswordSHA256: strings.ToLower(x.PasswordSHA256)})
	}
	return out, nil
}

// Environment variables that define one user per role (name = role),
// for a quick start and for tazala's own processes.
const (
	EnvWriterPassword  = "TAZALA_HTTP_WRITER_PASSWORD"
	EnvAnalystPassword = "TAZALA_HTTP_ANALYST_PASSWORD"
	EnvDPOPassword     = "TAZALA_HTTP_DPO_PASSWORD"
	EnvVaultPassword   = "TAZALA_HTTP_VAULT_PASSWORD"
)

// UsersFromEnv returns the users writer, analyst, dpo and vault whose passwords
// are set in the environment (lookup is os.LookupEnv in production).
func UsersFromEnv(lookup func(string) (string, bool)) []User {
	var out []User
	for _, x := range []struct {
		env  string
		role Role
	}{{EnvWriterPassword, RoleWriter}, {EnvAnalystPassword, RoleAnalyst}, {EnvDPOPassword, RoleDPO}, {EnvVaultPassword, RoleVault}} {
		if p, ok := lookup(x.env); ok && p != "" {
			out = append(out, User{Name: string(x.role), Role: x.role, PasswordSHA256: HashPassword(p)})
		}
	}
	return out
}

// authenticate returns the user with that name and password. Every
// lookup costs one hash and one constant-time compare, known user or not.
func (u *Users) authenticate(name, password string) (User, bool) {
	got := sha256.Sum256([]byte(password))
	var want [sha256.Size]byte
	x, known := User{}, false
	if u != nil {
		x, known = u.byName[name]
	}
	if known {
		hex.Decode(want[:], []byte(x.PasswordSHA256))
	}
	ok := subtle.ConstantTimeCompare(got[:], want[:]) == 1
	return x, known && ok
}
