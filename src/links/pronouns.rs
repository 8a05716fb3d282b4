//! Who a subject pronoun (« il », « elle ») means: the person the text is about at that point.
//! Used by the quotations' cues (« a-t-il déclaré ») and by the titles given to a pronoun
//! (« Il a été nommé ministre »).

use super::text::paragraph_start;
use super::{Gender, Person};

/// The person a pronoun of gender `g` at byte `at` refers to, with the byte of the mention that
/// names them: the last one mentioned before it, in its paragraph or the one before (no more
/// than 1,200 bytes back), whose gender agrees; one whose gender nothing tells only when no
/// other person of that window could be meant and the mention is near (400 bytes: the sentence
/// or two before). `mentions` are (byte start, person) in text order.
pub(crate) fn antecedent(
    text: &str,
    mentions: &[(usize, usize)],
    persons: &[Person],
    at: usize,
    g: Gender,
) -> Option<(usize, usize)> {
    // A text with no line breaks is one paragraph.
    let window = paragraph_start(text, paragraph_start(text, at).saturating_sub(1))
        .max(at.saturating_sub(1200));
    let k = mentions.partition_point(|&(s, _)| s < at);
    // The persons of the window, the last mentioned first, with that last mention.
    let mut seen: Vec<(usize, usize)> = Vec::new();
    for &(s, p) in mentions[..k]
        .iter()
        .rev()
        .take_while(|&&(s, _)| s >= window)
    {
        if !seen.iter().any(|&(_, q)| q == p) {
            seen.push((s, p));
        }
        if seen.len() == 8 {
            break;
        }
    }
    // « Okey Ndibe », then « a-t-elle déclaré »: no one rather than him.
    for (n, &(s, cand)) in seen.iter().enumerate() {
        match persons[cand].gender {
            Some(x) if x == g => return Some((s, cand)),
            Some(_) => continue,
            None => {
                let alone = seen
                    .iter()
                    .enumerate()
                    .all(|(m, &(_, o))| m == n || persons[o].gender == Some(g.other()));
                return (alone && at - s <= 400).then_some((s, cand));
            }
        }
    }
    None
}
