//! Temporary passwords an administrator reads out or prints on a slip: three friendly words and
//! two digits, e.g. `Maple-Otter-Cloud-47` (upper, lower, digit and symbol; 19 characters or more;
//! about 31 bits from the CSPRNG, enough for a password that expires in days and locks after 5
//! wrong tries). Words are chosen so a 7-year-old can read and type them.

use rand::Rng;

use crate::policy::{self, PolicyConfig, PolicySubject};
use crate::types::SecretString;

const WORDS: &[&str] = &[
    "Acorn", "Amber", "Anchor", "Apple", "Apron", "Arrow", "Aspen", "Atlas", "Badge", "Bagel", "Bamboo", "Banjo",
    "Basil", "Beach", "Beacon", "Berry", "Birch", "Bison", "Blossom", "Bongo", "Breeze", "Brick", "Brook", "Bubble",
    "Bucket", "Butter", "Cabin", "Cactus", "Camel", "Candle", "Canoe", "Canyon", "Carrot", "Castle", "Cedar", "Cello",
    "Cherry", "Chess", "Cider", "Cinder", "Clover", "Cloud", "Cobalt", "Cocoa", "Comet", "Coral", "Cotton", "Cougar",
    "Crane", "Crayon", "Cricket", "Crystal", "Daisy", "Delta", "Denim", "Dingo", "Dolphin", "Donut", "Dragon", "Drum",
    "Eagle", "Echo", "Ember", "Emerald", "Falcon", "Fern", "Fiddle", "Finch", "Flame", "Flute", "Forest", "Fossil",
    "Fox", "Frost", "Galaxy", "Garden", "Gecko", "Ginger", "Glacier", "Globe", "Grape", "Gravel", "Guitar", "Harbor",
    "Hazel", "Hedge", "Heron", "Honey", "Hoop", "Husky", "Igloo", "Indigo", "Iris", "Island", "Ivory", "Jade",
    "Jasmine", "Jelly", "Jigsaw", "Jungle", "Kayak", "Kettle", "Kite", "Kiwi", "Koala", "Ladder", "Lagoon", "Lantern",
    "Lemon", "Lily", "Lime", "Lizard", "Llama", "Lotus", "Magnet", "Mango", "Maple", "Marble", "Meadow", "Melon",
    "Meteor", "Mint", "Mitten", "Monsoon", "Moose", "Mosaic", "Muffin", "Nectar", "Needle", "Noodle", "Nutmeg",
    "Oasis", "Ocean", "Olive", "Onion", "Opal", "Orbit", "Orchid", "Otter", "Owl", "Paddle", "Panda", "Papaya",
    "Parrot", "Peach", "Pebble", "Pelican", "Pepper", "Piano", "Pickle", "Pillow", "Pine", "Pixel", "Planet", "Plum",
    "Pocket", "Pony", "Poppy", "Prairie", "Pretzel", "Puffin", "Pumpkin", "Quartz", "Quill", "Rabbit", "Radish",
    "Rain", "Raven", "Reef", "Ribbon", "River", "Robin", "Rocket", "Rose", "Ruby", "Saddle", "Saffron", "Sail",
    "Salmon", "Sandal", "Sapphire", "Scarf", "Seal", "Shell", "Sierra", "Silver", "Sketch", "Sled", "Snow", "Sparrow",
    "Spice", "Spruce", "Squid", "Star", "Stone", "Storm", "Sugar", "Summit", "Sunny", "Swan", "Tango", "Teapot",
    "Thistle", "Thunder", "Tiger", "Timber", "Toast", "Topaz", "Tornado", "Toucan", "Tulip", "Tundra", "Turtle",
    "Umbrella", "Valley", "Velvet", "Violet", "Violin", "Volcano", "Waffle", "Walnut", "Walrus", "Wave", "Whale",
    "Willow", "Window", "Winter", "Wizard", "Wombat", "Yak", "Yarn", "Yogurt", "Zebra", "Zephyr", "Zigzag", "Zinnia",
    "Lychee", "Durian", "Rambutan", "Pandan", "Kaya", "Satay", "Mynah", "Merlion", "Orca", "Bonsai", "Compass",
    "Feather", "Gazelle", "Hammock", "Jaguar", "Lobster", "Mantis", "Narwhal", "Peony", "Puzzle",
];

/// A fresh temporary password for `subject` that meets `cfg` (it is regenerated in the rare case a
/// word matches part of the person's name).
pub fn generate(rng: &mut (impl Rng + ?Sized), cfg: &PolicyConfig, subject: &PolicySubject<'_>) -> SecretString {
    loop {
        let mut s = String::with_capacity(32);
        for _ in 0..3 {
            s.push_str(WORDS[rng.gen_range(0..WORDS.len())]);
            s.push('-');
        }
        s.push_str(&format!("{:02}", rng.gen_range(0..100)));
        let candidate = SecretString::new(s);
        if policy::all_ok(&policy::evaluate(cfg, candidate.expose(), subject)) {
            return candidate;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn generated_passwords_meet_the_policy_and_avoid_the_name() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(7);
        let cfg = PolicyConfig::default();
        // A name made of list words forces regeneration.
        let subject = PolicySubject { login: "Maple_Otter@students.edu.sg", full_name: "Maple Otter Cloud" };
        for _ in 0..500 {
            let p = generate(&mut rng, &cfg, &subject);
            assert!(policy::all_ok(&policy::evaluate(&cfg, p.expose(), &subject)), "{}", p.expose());
            assert!(!p.expose().to_lowercase().contains("maple"));
        }
    }

    #[test]
    fn the_word_list_has_no_duplicates_and_enough_words() {
        let mut w: Vec<String> = WORDS.iter().map(|w| w.to_lowercase()).collect();
        w.sort();
        w.dedup();
        assert_eq!(w.len(), WORDS.len());
        assert!(WORDS.len() >= 250);
    }
}
