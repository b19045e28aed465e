"""What the programme office publishes each year: takes a rule set file and a library folder,
gives a checked rule set (lint, the values each rule needs, an editable copy for a new year),
signing keys, the keys a user trusts, and signatures over a library pack (an edition)."""
