"""What the bots say: whole sentences marked with ``N_``, translated per recipient.

Handlers receive a ``Translator`` as ``_`` in their data (see ``bots.middlewares``) and call
``_("Sentence with {name}.", name=...)``; Babel extracts both ``N_`` and ``_``.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.config import LANGUAGES, Language
from core.i18n import N_, gettext_for

#: Language names are written in their own language, so everyone finds theirs.
LANGUAGE_NAMES: dict[Language, str] = {"kk": "Қазақша", "ru": "Русский", "en": "English"}

UNKNOWN_USER = N_(
    "This is the Sabaq bot. To use it, open the invitation link your school or learning "
    "centre gave you."
)
NO_ROLE = N_(
    "Your account has no active role in any organisation right now. "
    "Ask your school or learning centre."
)
THROTTLED = N_("You are sending messages too fast. Please wait a few seconds.")
STALE_BUTTON = N_("This button is out of date.")
APOLOGY = N_("Sorry, something went wrong on our side. Please try again later.")

# --- the complaints bot ---
COMPLAINTS_WELCOME = N_(
    "This bot takes complaints to a school, a learning centre or an education authority "
    "and brings their answers back to you here. You can write anonymously: then nobody "
    "there learns who wrote."
)
COMPLAINTS_MENU = N_("What would you like to do?")
NEW_COMPLAINT = N_("New complaint")
CHECK_COMPLAINT = N_("Check my complaint")
CANCEL = N_("Cancel")
SEND = N_("Send")
ASK_PLACE_CODE = N_(
    "Type the code of the school or learning centre. It is on the complaints poster, "
    "under the QR code."
)
CHOOSE_PLACE = N_("Where does your complaint go?")
ANOTHER_PLACE = N_("Another organisation (type its code)")
COMPLAINT_TO = N_("A complaint to {organisation}.")
ASK_ANONYMOUS = N_(
    "Anonymous or with your name? Anonymous means the school will not know who wrote; "
    "the answer still comes to you here."
)
ANONYMOUS = N_("Anonymous")
NAMED = N_("With my name")
ONLY_ANONYMOUS = N_(
    "Your complaint is anonymous: the school will not know who wrote. The answer still "
    "comes to you here."
)
NAMED_CHOSEN = N_("Your complaint goes with your name and role.")
ANONYMOUS_CHOSEN = N_("Your complaint is anonymous: the school will not know who wrote.")
CHOOSE_CATEGORY = N_("What is it about?")
ASK_ABOUT = N_(
    "Whom is it about? The person you name never sees the complaint. You may also name nobody."
)
NOBODY = N_("Don't name anyone")
EARLIER_PAGE = N_("‹ Back")
LATER_PAGE = N_("More ›")
CATEGORY_CHOSEN = N_("About: {category}.")
ABOUT_CHOSEN = N_("About: {category}, {name}.")
ASK_TEXT = N_(
    "Describe what happened in one message: what, where and when. At most {limit} "
    "characters. You can add photos or files after it."
)
EMPTY_TEXT = N_("The complaint is empty. Write what happened in a message.")
TEXT_TOO_LONG = N_(
    "The text is too long: {length} characters, at most {limit}. Shorten it and send it again."
)
ASK_ATTACHMENTS = N_(
    "Add photos or files if you have any (at most {limit}: PDF, Word, Excel, PowerPoint, "
    "OpenDocument, text), then press “Send”."
)
TEXT_ADDED = N_("Added to your text.")
PICTURE_ADDED = N_("Photo {number} of {limit} added.")
DOCUMENT_ADDED = N_(
    "File {number} of {limit} added. Its author, comments' authors and other hidden details "
    "are removed when it is sent; a name written in the text itself stays."
)
TOO_MANY_ATTACHMENTS = N_(
    "At most {limit} photos and files go with one message, so this one was not added. The "
    "{limit} added before are kept. Press “Send”."
)
PICTURE_TOO_LARGE = N_("This photo is too large (at most {limit} MB), so it was not added.")
DOCUMENT_TOO_LARGE = N_("This file is too large (at most {limit} MB), so it was not added.")
NOT_ACCEPTED = N_(
    "Only photos (JPG, PNG, WebP), PDF, Word, Excel, PowerPoint, OpenDocument and text files "
    "can be added; this file was not added."
)
ATTACHMENT_DROPPED = N_("It is taken out of your complaint; press “Send” again to send the rest.")
TEXT_NEEDED = N_("Now write what happened in a message.")
TEXT_OR_ATTACHMENT = N_("Send text, a photo or a file.")
PRESS_A_BUTTON = N_("Press one of the buttons above.")
FILED = N_(
    "Your complaint is sent to {organisation}.\n\nYour tracking code: {code}\n\nKeep it: "
    "with it you can check the answer here under “Check my complaint”, also from another "
    "phone."
)
FILING_CANCELLED = N_("Cancelled: nothing was sent.")
ASK_TRACKING_CODE = N_("Type your tracking code, like ABCD-EFGH-JKMN-PQRS.")
TRACKED = N_("Complaint to {organisation} of {date}\nAbout: {category}\nStatus: {status}")
TRACKED_REASON = N_("Reason: {reason}")
#: The status "waiting for the complainant", as the complainant reads it.
WAITING_FOR_YOU = N_("Waiting for your answer")
FROM_YOU = N_("{time}, you: {text}")
FROM_STAFF = N_("{time}, the answer: {text}")
WITH_ATTACHMENTS = N_("{text} (photos and files: {count})")
NO_ANSWER_YET = N_("No answer yet.")
WRITE = N_("Write")
REPLY = N_("Reply")
ASK_MESSAGE = N_(
    "Write your message. You can add photos or files after it (at most {limit}), then press "
    "“Send”."
)
MESSAGE_SENT = N_("Your message is sent.")
INCOMING_REPLY = N_("An answer to your complaint:\n\n{text}")
RESOLVED_NOTICE = N_("Your complaint is marked as resolved.")
REJECTED_NOTICE = N_("Your complaint was rejected. The reason: {reason}")
STATUS_NOTICE = N_("The status of your complaint: {status}.")

COMMAND_MENU = N_("Open the menu")
COMMAND_LANGUAGE = N_("Change the language")
COMMAND_HELP = N_("How to use this bot")
COMMAND_START = N_("Start the bot")


@dataclass(frozen=True)
class Translator:
    """``_`` in handlers: a sentence in one language, its named placeholders filled in."""

    language: Language

    def __call__(self, message: str, /, **params: object) -> str:
        text = gettext_for(self.language, message)
        return text.format(**params) if params else text


def in_every_language(message: str) -> str:
    """One message in Kazakh, Russian and English, for someone whose language is unknown."""
    return "\n\n".join(gettext_for(language, message) for language in LANGUAGES)


#: Telegram shows at most 200 characters of a callback answer.
TOAST_LIMIT = 200


def toast(text: str) -> str:
    """``text`` cut to what a callback answer can show."""
    return text if len(text) <= TOAST_LIMIT else text[: TOAST_LIMIT - 1] + "…"


# --- the career bot: profession atlas and admissions news ---
PROFESSIONS = N_("Professions")
ADMISSIONS_NEWS = N_("Admissions news")
ASK_PROFESSION_WORDS = N_(
    "Type a few words from the name of a profession, for example “doctor” or “programmer”."
)
PROFESSIONS_FOUND = N_("Professions found. Choose one to see where to study for it:")
NO_PROFESSION_FOUND = N_("No profession matches these words. Try other or fewer words.")
PROFESSION_ACTIVITIES = N_("What they do at work:")
PROFESSION_INTERESTS = N_("Interests: {code}. Preparation level {zone} of 5.")
WHERE_TO_STUDY = N_("Where to study (groups of educational programmes):")
GROUP_ROUTE = N_("{code} {name} — ENT: {subjects}, threshold {threshold}")
OFFERED_BY = N_("Universities: {names}")
NO_UNIVERSITY_ROUTE = N_(
    "No university programme leads here: it is learned at college or at work."
)
SUGGESTION_ROUTE = N_("Programme groups: {codes} · ENT: {subjects}")
ATLAS_DRAFT_NOTE = N_(
    "Programme groups and thresholds are a draft: check them against this year's admission "
    "rules. Occupation data: O*NET 29.3 (CC BY 4.0), see Sources."
)
NO_ADMISSIONS_NEWS = N_("No admissions news yet.")


# --- the career bot: the school's career programme for the student's grade ---
MY_PROGRAMME = N_("Career events")
PROGRAMME_HEADER = N_("Career events for grade {grade} in the next 30 days:")
PROGRAMME_EMPTY = N_("No career events for grade {grade} in the next 30 days.")
PROGRAMME_NO_GRADE = N_(
    "We do not know your grade yet: take the interest inventory, and then you will see the "
    "career events for your grade here."
)


# --- the career bot: mock exams and the ENT line under a suggestion ---
MY_MOCK_EXAMS = N_("My mock exams")
MOCK_EXAMS_HEADER = N_("Your latest mock exam results:")
MOCK_LATEST = N_("{exam}: {score} ({date})")
MOCK_UP = N_("up {change} since the previous one")
MOCK_DOWN = N_("down {change} since the previous one")
MOCK_SAME = N_("the same as the previous one")
NO_MOCK_EXAMS = N_(
    "No mock exam results yet: your career counsellor enters them after each mock exam."
)
NO_MOCK_ENT = N_("No mock ENT result yet, so we cannot compare it with the threshold.")
ENT_REACH = N_(
    "Your mock ENT: {total} of 140, {group} needs {threshold} — a reach: {missing} more "
    "points needed."
)
ENT_TARGET = N_(
    "Your mock ENT: {total} of 140, {group} needs {threshold} — a target: enough to apply, "
    "a grant may need more."
)
ENT_SAFE = N_("Your mock ENT: {total} of 140, {group} needs {threshold} — safe.")
ENT_BELOW_MINIMUM = N_(
    "Your mock ENT: {total} of 140, but {sections} is below its minimum — below the minimum: "
    "such a result does not count."
)
ENT_OTHER_PAIR = N_(
    "You took the mock ENT with {subjects}; this programme group needs other profile subjects."
)


# --- the career bot ---
CAREER_WELCOME = N_(
    "This bot helps you find out what you like doing and which jobs suit it. Answer short "
    "questions about activities: there are no right or wrong answers."
)
TAKE_INVENTORY = N_("Take the interest inventory")
CONTINUE_INVENTORY = N_("Continue the interest inventory")
MY_RESULTS = N_("My results")
SOURCES = N_("Sources")
ASK_GRADE = N_("Which grade are you in?")
GRADE_LABEL = N_("Grade {grade}")
QUESTION_HEADER = N_("Question {number} / {total}")
SHORT_FORM_INTRO = N_("Would you enjoy this?")
FULL_FORM_INTRO = N_("How much would you like doing this at work?")
YOUR_CODE = N_("Your interest code: {code}. What you like most:")
NO_CLEAR_INTERESTS = N_(
    "Your answers show no clear interests yet, and that is fine: interests grow as you try "
    "new things. Try clubs, projects and helping at home or at school, and take the "
    "inventory again in a few months."
)
ASK_AIM = N_("What do you plan to do after school?")
NO_SUGGESTIONS = N_("No occupations fit this plan closely enough. Try another plan to see more.")
SUGGESTIONS_HEADER = N_("Occupations that suit your interests:")
BECAUSE_YOU_LIKED = N_("because you liked: {items}")
BAND_BEST = N_("best fit")
BAND_GREAT = N_("great fit")
BAND_GOOD = N_("good fit")
NO_RESULTS_YET = N_("You have not finished the interest inventory yet.")
USE_THE_BUTTONS = N_("Please answer with the buttons below.")
# The career bot's answers to typed questions (the AI consultant or the menus).
AI_ANSWER_NOTE = N_(
    "This answer was written by an AI, not a person. Check important decisions with your "
    "school career counsellor."
)
CONSULTANT_FAILED = N_(
    "Sorry, the AI consultant cannot answer right now. The buttons below show your results, "
    "the occupations that suit you and their ENT subjects."
)
ENT_ROUTES_HEADER = N_(
    "ENT profile subjects and groups of educational programmes (draft data: check them on "
    "testcenter.kz):"
)
ENT_ROUTE = N_("{subjects}: groups {groups}, lowest total score {threshold}")
NO_ENT_ROUTE = N_("no university route through the ENT: trained at college or at work")
CRISIS_REPLY = N_(
    "Thank you for telling us. What you wrote sounds serious, and you do not have to deal "
    "with it alone. Please talk to an adult you trust today: a parent, a teacher or the "
    "school psychologist."
)
