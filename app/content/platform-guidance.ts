/**
 * Short, plain guidance on blocking and privacy for each platform, written in our own words.
 * Menus change often: this says where to look, not which button to press.
 */
export const PLATFORM_PRIVACY_GUIDANCE: Record<string, string[]> = {
  "X (Twitter)": [
    "On the abusive post or profile, open the menu (the three dots) and choose Block.",
    "In Settings, under Privacy and safety, you can protect your posts so only approved followers see them, and limit who can reply to you or tag you in photos.",
    "Check your profile's location and bio say nothing about where you work or live.",
  ],
  Facebook: [
    "From the person's profile, open the menu and choose Block.",
    "Use the privacy check-up in Settings to choose who can see your future posts, your friends list, and who can find you by email or phone.",
    "Review past posts and photos you are tagged in; limit old posts to Friends.",
  ],
  Instagram: [
    "On their profile, open the menu and choose Block; you can also block new accounts they may make.",
    "Consider making your account private, and use Hidden Words to filter offensive comments and messages.",
    "Limit who can tag or mention you.",
  ],
  TikTok: [
    "On their profile, use Share, then Block.",
    "Consider a private account, and limit who can comment, duet, stitch or message you.",
  ],
  YouTube: ["Block the user from your channel, and hold potentially inappropriate comments for review."],
  LinkedIn: ["From their profile, use More, then Report or block.", "Check who can see your connections and your profile photo."],
  Nextdoor: ["From their profile, choose Block.", "Check what your profile shows about your street and household."],
  WhatsApp: ["In the chat, open the contact's details and choose Block.", "In Privacy settings, limit who can see your photo, status and last seen, and who can add you to groups."],
  Email: ["Block the sender in your email program, and keep the messages: do not delete them, they are evidence."],
};

export const GENERAL_PRIVACY_GUIDANCE = [
  "Block the account that abused you. Blocking does not delete what they wrote: keep your screenshots.",
  "Check who can see your posts, photos and friends list, and that your profile does not show where you work, live or your family.",
  "Turn off location sharing and limit who can tag you.",
];
