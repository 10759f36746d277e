// want package:"raises errors"

package genids

// Not generated: never stale-id, only unknown where raised.
const handRemoved = "gen.cart.removed"
