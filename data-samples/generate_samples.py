#!/usr/bin/env python3
"""Generate the synthetic sample data sets of spark-distill, deterministically.

Standard library only. Running it twice gives byte-identical files:

    python3 data-samples/generate_samples.py          # (re)write every file, then check them
    python3 data-samples/generate_samples.py --check  # only check the files already on disk

Writes, next to this script:
    customer-support/{train,validation,test}.jsonl   {"text": ..., "label": ...}
    customer-support/bad-rows-example.jsonl          deliberately broken rows (quarantine demo)
    nli/{train,validation,test}.jsonl                {"premise": ..., "hypothesis": ..., "label": ...}

Everything is synthetic: built from hand-written templates, word pools and composition rules below.
Determinism: one random.Random per data set with a fixed seed, no iteration over sets or hash-ordered
containers, fixed output order, "\n" line endings, UTF-8, json.dumps(ensure_ascii=False).
"""

import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SPLITS = ("train", "validation", "test")
SPLIT_FRACTIONS = (0.7, 0.1, 0.2)

CS_SEED = 20260427
NLI_SEED = 20260428

# ---------------------------------------------------------------------------------------------------------------
# Customer support intent classification
# ---------------------------------------------------------------------------------------------------------------

CS_LABELS = ["billing", "cancel_subscription", "technical_issue", "shipping_delivery",
             "account_access", "refund_request", "product_question"]
CS_PER_LABEL = 210          # 7 x 210 = 1,470 examples
CS_HARD_PER_LABEL = 21      # 10 % hard cases per label

SLOTS = {
    "product": ["fitness tracker", "Aurora X2 phone", "smart thermostat", "standing desk", "coffee grinder",
                "travel suitcase", "4K monitor", "yoga mat", "robot vacuum", "hiking backpack",
                "mechanical keyboard", "air fryer", "kids' tablet", "winter jacket", "bluetooth speaker",
                "baby monitor", "e-reader", "electric toothbrush", "smartwatch", "gaming headset"],
    "gadget": ["fitness tracker", "Aurora X2 phone", "smart thermostat", "4K monitor", "robot vacuum",
               "mechanical keyboard", "kids' tablet", "bluetooth speaker", "baby monitor", "e-reader",
               "electric toothbrush", "smartwatch", "gaming headset", "air fryer", "video doorbell"],
    "plan": ["Premium plan", "Family plan", "Pro subscription", "Basic plan", "annual membership",
             "monthly plan", "Business tier", "Student plan", "Plus membership", "streaming bundle"],
    "device": ["iPhone 13", "Samsung Galaxy S22", "Windows 11 laptop", "MacBook Air", "iPad", "Chromebook",
               "Pixel 7", "Android tablet", "Huawei phone", "Linux desktop"],
    "carrier": ["UPS", "DHL", "FedEx", "USPS", "Royal Mail", "DPD", "the courier", "GLS", "La Poste"],
    "error": ["error 503", "a blank white screen", "'Something went wrong'", "error code E-1042",
              "'Unexpected error, please try again'", "a 404 page", "error 0x80070005", "a spinning wheel forever",
              "'Connection timed out'", "error 500"],
    "country": ["Canada", "Germany", "Australia", "Ireland", "Mexico", "Japan", "Norway", "Brazil", "Poland",
                "South Africa", "India", "Portugal"],
    "city": ["Lyon", "Leeds", "Denver", "Kraków", "São Paulo", "Osaka", "Toronto", "Munich", "Dublin", "Porto",
             "Austin", "Melbourne"],
    "name": ["Anna", "José", "Mei", "Tom", "Priya", "Zoë", "Ahmed", "Olga", "Kwame", "Lucía", "Hannah",
             "Dmitri", "Sven", "Aisha", "Marco", "Yuki"],
    "month": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"],
    "version": ["4.2.1", "5.0", "3.9.7", "6.1.0", "2.14", "7.0.2"],
}


def _slot_value(rng, slot, filled):
    if slot in SLOTS:
        return rng.choice(SLOTS[slot])
    if slot in ("plan2", "product2", "gadget2"):
        base = slot[:-1]
        return rng.choice([v for v in SLOTS[base] if v != filled.get(base)])
    if slot in ("amount", "amount2"):
        while True:
            cur = rng.choice(["$", "$", "$", "€", "£"])
            value = rng.choice([4.99, 9.99, 12.5, 14.99, 19.99, 24, 29.99, 39, 49.99, 59.99, 79, 89.5, 119,
                                129.99, 149, 199.99, 249, 15, 7.49, 35])
            text = "%s%s" % (cur, ("%.2f" % value) if value != int(value) else str(int(value)))
            if text != filled.get("amount"):
                return text
    if slot == "order":
        n = rng.randint(100000, 999999)
        return rng.choice(["#%d" % n, "#%d" % n, "ORD-%d" % n, "%d-%04d" % (n // 100, n % 10000), "#A%d" % n])
    if slot == "date":
        month = rng.choice(SLOTS["month"])
        day = rng.randint(1, 28)
        return rng.choice(["%s %d" % (month, day), "%d %s" % (day, month), "%s %d" % (month, day),
                           "%02d/%02d" % (day, rng.randint(1, 12)), "the %d%s" % (
                               day, "th" if 4 <= day <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")),
                           rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
                           "%s %d" % (month[:3], day)])
    if slot == "days":
        return str(rng.randint(3, 21))
    if slot == "last4":
        return "%04d" % rng.randint(0, 9999)
    if slot == "email":
        user = rng.choice(SLOTS["name"]).lower().replace("é", "e").replace("ë", "e").replace("í", "i")
        return "%s.%s%d@%s" % (user, rng.choice(["k", "m", "smith", "lee", "r", "b"]), rng.randint(1, 99),
                               rng.choice(["gmail.com", "outlook.com", "yahoo.com", "proton.me", "web.de"]))
    raise KeyError(slot)


def fill(rng, template):
    """Resolve <a|b|c> alternatives, then {slot} placeholders."""
    template = re.sub(r"<([^<>]*)>", lambda m: rng.choice(m.group(1).split("|")), template)
    filled = {}

    def repl(m):
        slot = m.group(1)
        value = _slot_value(rng, slot, filled)
        filled.setdefault(slot, value)
        return value

    return re.sub(r"\{(\w+)\}", repl, template)


CS_TEMPLATES = {
    "billing": {
        "normal": [
            "I was charged twice for my {plan} this month.",
            "Why is there a <charge|payment|transaction> of {amount} on my card from {date}?",
            "<I need to|How do I|Can I|How can I> update my <credit card|payment method|card details|bank card> <on file|for my account|for the subscription>?",
            "My invoice for {month} shows {amount} but my plan is supposed to cost {amount2}.",
            "double charged??",
            "<can you|could you|pls> send me a copy of my <invoice|receipt> for order {order}",
            "The payment of {amount} <failed|was declined> but my bank says the money <left|was taken from> my account.",
            "How do I change my billing address? I moved to {city}.",
            "What payment methods do you accept? Can I pay with <PayPal|Apple Pay|bank transfer>?",
            "My card ending in {last4} <expired|was replaced>, where do I put the new one?",
            "you charged me {amount} without any notice, what is this for",
            "I upgraded to the {plan} on {date} and got billed the full price instead of the prorated amount.",
            "Is VAT included in the {amount} I was charged?",
            "Can I switch from monthly to annual billing on my {plan}?",
            "The price went up from {amount2} to {amount} and nobody told me. Why?",
            "i see 2 payments of {amount} on my statement for the same thing",
            "Please explain the extra fee on my last <bill|invoice|statement>.",
            "my payment keeps getting declined but the card works everywhere else",
            "We need a VAT invoice with our company name on it for the {plan}.",
            "When exactly will I be billed for the {plan}? The website doesn't say the date.",
            "Hello, I want to know why my bill is more expensive this month than last month.",
            "Please I have been charge two time for same order {order}, kindly check.",
            "Can you make the invoice to my company name, it is needed for our accounting.",
            "Why did my <bill|monthly charge> go up? I didn't change anything.",
            "Where can I see my <billing history|past invoices|payment history>?",
            "The trial was supposed to be free but I got charged {amount} on {date}.",
            "my bank flagged a charge from you for {amount}, is that legit?",
            "Can I split the payment for the {product} into installments?",
            "The promo code didn't apply at checkout and I was billed the full {amount}.",
            "How do I add a second card as a backup payment method?",
            "I was billed {amount} for the {plan} but I'm on the {plan2}. Please correct the invoice.",
            "Your invoice {order} has the wrong tax rate for {country}.",
            "Charged {amount} on {date} for a renewal I was told would cost {amount2}. Explain please.",
            "How come I'm paying for two seats when our team only has one user?",
            "I paid by bank transfer on {date}, has the payment been received?",
        ],
        "hard": [
            "I don't want to cancel, I just need to update my <card|card details|payment card>.",
            "Not asking for a refund, I just want to understand the {amount} charge on {date}.",
            "I'm not cancelling anything, just tell me why I was billed {amount} twice.",
            "I can log in fine, I only need to change which card you charge every month.",
            "Before I even think about cancelling, can someone explain the extra {amount} on my invoice?",
            "The delivery was fine, but I was charged a shipping fee of {amount} even though the {plan} includes free shipping.",
            "No technical problem here, I just need the invoice to show our company VAT number.",
            "I don't need my money back, I just want the receipt for order {order}.",
            "Please don't close my account, the only thing I need is to switch the payment to my new card ending in {last4}.",
        ],
    },
    "cancel_subscription": {
        "normal": [
            "I want to cancel my {plan}.",
            "How do I cancel my subscription?",
            "Please cancel my <membership|subscription|account> effective immediately.",
            "cancel my account pls",
            "I'd like to end my {plan} at the end of this billing cycle.",
            "How can I turn off auto-renewal?",
            "I'm moving to {country} and won't need the {plan} anymore, please stop it.",
            "Where is the cancel button?? I've looked everywhere in settings.",
            "Stop my subscription. I've asked <three|two|four> times already.",
            "We are closing the business, please terminate our {plan} from {date}.",
            "i dont use the service anymore, how do i unsubscribe",
            "Please don't renew my {plan} next <month|year>.",
            "Can I pause instead of cancelling? If not, just cancel it.",
            "Kindly discontinue my subscription, I do not wish to continue.",
            "The {plan} is too expensive for me now, I want to quit.",
            "How do I close my account and stop all future payments?",
            "Please confirm that my subscription is cancelled and I won't be charged again.",
            "I signed up for the free trial, how do I cancel before it turns into a paid {plan}?",
            "End my membership.",
            "I would like to opt out of the monthly box from now on.",
            "Cancel the {plan} for my account {email}.",
            "Please I want to stop the subscription, how I do this?",
            "my {plan} renews on {date} and I don't want it to, cancel it please",
            "Unsubscribe me from the {plan}, I found a cheaper alternative.",
            "What happens to my data if I cancel my account? I'm planning to cancel this week.",
            "I tried to cancel online but the page just loops back to the special offers. Just cancel it for me.",
            "Terminate my contract please.",
            "no longer need this. cancel.",
            "My <husband|wife|son|daughter> signed up for the {plan} without asking, please cancel it.",
            "I want to <cancel|end|stop> the {plan} on my account {email} before {date}.",
            "How many days notice do I need to give to cancel the {plan}?",
            "Please remove my card and cancel all recurring subscriptions on my account.",
        ],
        "hard": [
            "I'm not asking for a refund, I just want to make sure the subscription doesn't renew.",
            "The app works fine and billing is fine, I simply don't need the {plan} anymore.",
            "Forget the refund, just cancel my {plan} so it stops.",
            "I don't want to upgrade or change my card, I want to end the subscription.",
            "It's not a technical problem, I just want out of the {plan}.",
            "Don't offer me a discount, please just close my subscription.",
            "I was going to ask about my bill but honestly I'd rather just stop the {plan} altogether.",
            "No need to fix anything, I won't be using the {plan} after {date}, so please cancel it.",
        ],
    },
    "technical_issue": {
        "normal": [
            "The app crashes every time I open it on my {device}.",
            "I get {error} when I try to save my settings.",
            "The website is not loading, just {error}.",
            "sync isn't working between my phone and laptop",
            "After the latest update, the {gadget} won't connect to wifi.",
            "My {gadget} keeps disconnecting from bluetooth.",
            "The video <stutters|freezes> and buffers constantly even though my internet is fast.",
            "app frozen again",
            "Notifications stopped working after the update on my {device}.",
            "The <checkout|submit|save> button does nothing when I click it.",
            "I can't upload files larger than 10 MB, it just spins forever.",
            "Your app drains my battery like crazy since version {version}.",
            "The {gadget} firmware update failed halfway and now it won't turn on.",
            "Search results are empty for everything I type.",
            "The page shows {error} since {date}, is your server down?",
            "The export to PDF feature produces a blank file.",
            "my {gadget} is making a weird noise and the screen flickers",
            "I cleared the cache and reinstalled, still {error}.",
            "The app is very slow, it takes like a minute to open on my {device}.",
            "Dark mode doesn't work on my {device}, the text is unreadable.",
            "When I press play nothing happen, only black screen.",
            "Hello, the application is always closing itself when I am opening the camera.",
            "The {gadget} won't pair with my {device}.",
            "The integration with Google Calendar stopped syncing on {date}.",
            "is the service down? nothing loads",
            "Audio and video are out of sync on every <movie|episode|stream>.",
            "the {gadget} turns off randomly after <5|10|15> minutes",
            "{error} appears when I open the reports tab.",
            "Version {version} broke the widget on my home screen.",
            "The {gadget} shows a red blinking light and doesn't respond to any button.",
            "Images don't load in the app, only grey boxes.",
            "I keep getting {error} on {device} but it works on my other phone.",
            "The sound on my {gadget} cuts out every few seconds.",
        ],
        "hard": [
            "The app crashed while I was <asking for|trying to request> a refund, can you fix the app?",
            "The cancel subscription page throws {error}. I'm not cancelling, I'm reporting the bug.",
            "I can log in fine, but after login the dashboard is completely blank.",
            "Your order tracking page shows {error} in every browser, just letting you know. The parcel itself already arrived.",
            "The payment screen freezes and the app crashes before I can even type a card number. Billing is not the issue, the app is.",
            "I don't want a refund, I want the {gadget} to actually work, it reboots every few minutes.",
            "My password is correct and I get in, but the app crashes right after.",
            "The app crashed while I was chatting with support about my invoice. Please look into the crash.",
        ],
    },
    "shipping_delivery": {
        "normal": [
            "Where is my order {order}?",
            "where's my parcel??",
            "My package was supposed to arrive on {date} but it still hasn't come.",
            "The tracking number hasn't updated in {days} days.",
            "{carrier} says delivered but there's nothing at my door.",
            "Can I change the delivery address for order {order}?",
            "How long does shipping to {country} take?",
            "Do you ship to {country}?",
            "The courier left my parcel with a neighbour I don't even know.",
            "Is express delivery available for the {product}?",
            "order {order} still says processing after {days} days, when will it ship",
            "I only received part of my order, the {product} is not in the box.",
            "Can you deliver on Saturday? I'm not home on weekdays.",
            "The tracking link says 'label created' since {date}.",
            "my package is stuck in customs in {country}",
            "Delivery guy never showed up, I waited all day",
            "When will my {product} be shipped?",
            "Please hold my parcel at the {carrier} pickup point.",
            "I got someone else's package instead of mine, my order is {order}.",
            "Hello, my parcel is lost. The tracking say it is in {city} since one week.",
            "It's been {days} days and my order hasn't even shipped. Ridiculous.",
            "what carrier do you use for {country}",
            "Can I pick up my order in store instead of having it delivered?",
            "The delivery estimate keeps changing, first it was {date}, now who knows.",
            "Need the tracking number for {order}",
            "Package shows returned to sender, why?",
            "{carrier} tried to deliver while I was home and left a card saying nobody answered.",
            "Can you combine my two orders into one shipment?",
            "My {product} was delivered to the wrong address in {city}.",
            "Is there any way to speed up delivery of order {order}? I need it before {date}.",
            "why is shipping to {country} taking so long",
            "the parcel was left in the rain outside my building, can you tell the driver to ring the bell next time",
        ],
        "hard": [
            "I don't want a refund, I just want to know where my {product} is.",
            "Don't cancel the order, I just need it delivered to my office instead of my home.",
            "Not a billing question, the payment went through fine, but the parcel is nowhere to be seen.",
            "The app works, the tracking page works, but it has said 'out for delivery' for {days} days.",
            "I'm not asking for my money back yet, first tell me when order {order} will arrive.",
            "I can log in and see the order, it just never arrived.",
            "No need to cancel, I'm happy to wait, just give me a realistic delivery date for {order}.",
        ],
    },
    "account_access": {
        "normal": [
            "I can't log into my account.",
            "forgot my password",
            "The password reset email never arrives.",
            "My account is locked after too many login attempts.",
            "I lost my phone and can't get the two-factor code.",
            "I think someone hacked my account, the email address was changed.",
            "How do I change the email address I use to sign in?",
            "It says 'invalid credentials' but I'm sure my password is right.",
            "Can't sign in with <Google|Apple|Facebook> anymore.",
            "I never received the verification code by SMS.",
            "my account got suspended and I don't know why",
            "How do I reset my password if I no longer have access to {email}?",
            "Please unlock my account {email}.",
            "The login page keeps asking me to verify my identity in a loop.",
            "i cant get in to my account help",
            "How can I change my username?",
            "Someone logged into my account from {city}, it wasn't me.",
            "How do I turn on two-factor authentication?",
            "The reset link says expired every time I click it.",
            "I have two accounts with the same email and can't access the one with my orders.",
            "I am not able to enter in my account since {date}, please help me.",
            "My company email changed, how can I update my login?",
            "My authenticator app was reset, now I'm locked out.",
            "Login says my account doesn't exist but I've been a customer for years.",
            "how do i log in on my new {device}",
            "I keep getting 'too many attempts, try again later'.",
            "Can you send the password reset to {email} instead of my old address?",
            "I don't remember my security question answer and can't log in.",
            "My account was deactivated after I didn't log in for a year, can you restore access?",
            "Please remove the old phone number from my account, I can't receive codes on it.",
        ],
        "hard": [
            "I don't want to cancel my subscription, I just can't log in to manage it.",
            "Not a billing issue, I simply can't get into my account to download my invoices.",
            "The app doesn't crash or anything, it just won't accept my password.",
            "I'm not asking about an order, I need to get back into my account, the reset email goes to my old address.",
            "I can't check where my parcel is because I'm locked out of my account.",
            "Nothing is wrong with the website, I just forgot which email I signed up with.",
            "No refund needed, I only want access to my account again after the password reset failed.",
        ],
    },
    "refund_request": {
        "normal": [
            "I want a refund for order {order}.",
            "Please refund the {amount} for the {product}, it arrived broken.",
            "How do I return the {product} and get my money back?",
            "money back please",
            "I returned the {product} on {date}, when will I get my refund?",
            "The {product} doesn't match the description, I'd like a full refund.",
            "I was charged after I cancelled, I want that {amount} refunded.",
            "Can I get a partial refund since the {gadget} came without the charger?",
            "Refund status for {order}?",
            "It's been {days} days since you approved my refund and still nothing on my card.",
            "I'd like to return this, it doesn't fit. Refund to my original payment please.",
            "The {gadget} stopped working after two days. I want my money back, not a replacement.",
            "Please reverse the charge of {amount}, I never used the service.",
            "refund my order now. I'm done.",
            "The event was cancelled by you, so I expect a refund of {amount}.",
            "How long do refunds take to show up on a credit card?",
            "I ordered the wrong size, can I send it back for a refund?",
            "Please give me back the money for the {plan}, I forgot to cancel the trial and was charged {amount}.",
            "Hello, I would like to receive my money back for the order {order} because it is not what I ordered.",
            "Your return policy says 30 days, I'm on day {days}, please process my refund.",
            "Where do I print the return label so I can get my refund?",
            "The refund went to my old card which is closed, what now?",
            "I don't want store credit, I want a refund to my PayPal.",
            "I got a damaged {product}, please refund me.",
            "You refunded {amount2} but I paid {amount}. Where is the rest?",
            "The {product} was a gift and they already have one, can I return it for a refund?",
            "I want to return order {order} and get the {amount} back.",
            "Requesting a refund for the {plan} renewal on {date}, I didn't mean to renew.",
            "pls refund the {amount} asap",
            "Half of the items in order {order} were expired, I want a refund for those.",
        ],
        "hard": [
            "I don't need a replacement, I just want my {amount} back.",
            "The app works fine now, but I still want a refund for the <two|three> days it was down.",
            "I already cancelled, that's not the issue. I need the last payment of {amount} refunded.",
            "Shipping was fast, no complaints there, but the {gadget} is faulty and I want my money back.",
            "It's not a billing error, I was charged correctly, I just changed my mind and want to return the {product} for a refund.",
            "I don't want to cancel my {plan}, I just want a refund for last month when I couldn't use it.",
            "No need to fix the {gadget}, just refund it.",
        ],
    },
    "product_question": {
        "normal": [
            "Does the {product} come with a warranty?",
            "Is the {gadget} compatible with my {device}?",
            "What's the difference between the {plan} and the {plan2}?",
            "Does the {gadget} work with <Alexa|Google Home|Apple HomeKit>?",
            "How much does the {product} weigh?",
            "is the {product} waterproof",
            "Do you have the {product} in <black|white|navy|red>?",
            "What is the battery life of the {gadget}?",
            "Can the {plan} be shared with family members?",
            "When will the {product} be back in stock?",
            "Does the {plan} include offline downloads?",
            "What size should I get? I'm usually a medium.",
            "Is the <air fryer|coffee grinder|blender|water bottle> dishwasher safe?",
            "Does the {gadget} come with a charger in the box?",
            "how many devices can i use with the {plan}",
            "What materials is the {product} made of?",
            "Can I use the {gadget} outdoors in the rain?",
            "Hello, the {gadget}, is it possible to use in {country} with the local voltage?",
            "Does your software support Linux?",
            "Which is better for a small apartment, the {gadget} or the {gadget2}?",
            "Is the {product} suitable for kids under 5?",
            "Do you sell replacement parts for the {product}?",
            "What are the dimensions of the {product}?",
            "does the {plan} have ads",
            "Where is the {product} made?",
            "Can I try the {plan} before I buy it?",
            "Is there a manual in <English|Spanish|German|French> for the {product}?",
            "Does the {gadget} support fast charging?",
            "Can I connect the {gadget} to two devices at the same time?",
            "What's included with the {plan} exactly?",
            "Please can you tell me if the {gadget} is having a night mode?",
        ],
        "hard": [
            "I'm not returning anything, I just want to know if the <hiking backpack|laptop sleeve|messenger bag> fits a 15-inch laptop.",
            "No problem with my order, just a question: does the {gadget} support fast charging?",
            "I'm not having any technical issue, I'm just wondering if the {gadget} works without wifi.",
            "Not cancelling, just curious whether the {plan} includes 4K streaming.",
            "I don't need a refund, I'm asking whether the {gadget} has a replaceable battery.",
            "Thinking about cancelling my old provider and switching to you. Does the {plan} support multiple users?",
            "Before I buy: if I order the {product} today, does it come with a carrying case?",
        ],
    },
}

GREETINGS = ["Hi,", "Hello,", "Hey", "Good morning,", "Hi there,", "Dear support team,", "hello", "Hi team,",
             "Good evening,", "Hey there,", "Dear Sir/Madam,", "hi"]
CLOSINGS = ["Thanks.", "Thank you!", "Thanks in advance.", "Regards, {name}", "pls help", "Cheers, {name}",
            "Thank you for your help.", "Best, {name}", "Kind regards, {name}", "thx", "Many thanks!",
            "Waiting for your answer.", "Appreciate it."]
ANGRY = ["This is unacceptable.", "I am really frustrated.", "Seriously??", "Worst service ever.",
         "I'm losing my patience.", "Fix this now!!", "This is the third time I'm writing.",
         "Very disappointed.", "Absolutely ridiculous.", "I expect an answer today."]
CONTEXT = ["I've been a customer for <two|three|five> years.", "I'm writing from my phone, sorry for typos.",
           "My name is {name}.", "I tried the help center first but found nothing.",
           "Quick question.", "Sorry to bother you again.", "I hope you can help me with this.",
           "I already spent an hour on hold and the chat bot could not help me, so I am writing here instead.",
           "I use your service every day for my small business, so this is urgent for me.",
           "My English is not so good, sorry in advance.",
           "I contacted you on {date} about this and nobody answered, so I am trying again."]


LOWER_AFTER_GREETING = ["How", "What", "Where", "Why", "Can", "Could", "Is", "Does", "Do", "The", "My", "Please",
                        "When", "Your", "Cancel", "Stop", "Need", "End", "Terminate", "Kindly", "Before", "Not", "No",
                        "It's", "Thinking", "Refund", "Requesting", "Charged", "Half", "You", "Version", "Images",
                        "Someone", "Login", "Nothing", "Don't", "Forget", "Shipping", "Package", "Delivery", "Unsubscribe",
                        "After", "Notifications", "Search", "Audio", "Dark", "Which", "Hello", "We", "Hey", "Where's"]


def add_typos(rng, text):
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not candidates:
        return text
    for _ in range(rng.choice([1, 1, 2])):
        i = rng.choice(candidates)
        w = words[i]
        kind = rng.randrange(3)
        j = rng.randrange(1, len(w) - 1)
        if kind == 0:                                   # swap two letters
            w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        elif kind == 1:                                 # drop a letter
            w = w[:j] + w[j + 1:]
        else:                                           # double a letter
            w = w[:j] + w[j] + w[j:]
        words[i] = w
    return " ".join(words)


def casual(text):
    """lowercase, no final punctuation, like a hurried chat message."""
    text = text.lower()
    return re.sub(r"[.!]+$", "", text).replace(". ", " ").replace(", ", " ")


def render_cs(rng, template, hard):
    core = fill(rng, template)
    parts = []
    if rng.random() < 0.3:
        parts.append(rng.choice(GREETINGS))
    if not hard and rng.random() < 0.16:
        parts.append(fill(rng, rng.choice(CONTEXT)))
    if parts and parts[-1].endswith(",") and core.split(" ")[0] in LOWER_AFTER_GREETING and rng.random() < 0.6:
        core = core[0].lower() + core[1:]
    parts.append(core)
    if not hard and rng.random() < 0.12:
        parts.append(rng.choice(ANGRY))
    if rng.random() < 0.25:
        parts.append(fill(rng, rng.choice(CLOSINGS)))
    text = " ".join(parts)
    r = rng.random()
    if r < 0.13:
        text = casual(text)
    if rng.random() < 0.14:
        text = add_typos(rng, text)
    return re.sub(r"\s+", " ", text).strip()


def norm_key(text):
    return re.sub(r"[^0-9a-zà-ÿ]+", " ", text.lower()).strip()


def split_counts(n):
    a = round(n * SPLIT_FRACTIONS[0])
    b = round(n * SPLIT_FRACTIONS[1])
    return a, b, n - a - b


def make_customer_support():
    rng = random.Random(CS_SEED)
    seen = {}
    rows = {s: [] for s in SPLITS}
    for label in CS_LABELS:
        for kind, target in (("hard", CS_HARD_PER_LABEL), ("normal", CS_PER_LABEL - CS_HARD_PER_LABEL)):
            templates = CS_TEMPLATES[label][kind]
            got = []
            attempts = 0
            while len(got) < target:
                attempts += 1
                if attempts > 100000:
                    raise RuntimeError("cannot make %d distinct %s/%s texts" % (target, label, kind))
                # cycle through templates so every template is used, then sample
                template = templates[len(got) % len(templates)] if len(got) < len(templates) \
                    else rng.choice(templates)
                text = render_cs(rng, template, kind == "hard")
                key = norm_key(text)
                if key in seen:
                    continue
                seen[key] = True
                got.append(text)
            rng.shuffle(got)
            n_train, n_val, _ = split_counts(target)
            for split, chunk in zip(SPLITS, (got[:n_train], got[n_train:n_train + n_val], got[n_train + n_val:])):
                rows[split].extend({"text": t, "label": label} for t in chunk)
    for split in SPLITS:
        rng.shuffle(rows[split])
    return rows


BAD_ROWS = [
    '{"text": "my parcel never arrived, order #558120", "label": "shipping_delivery"',
    '{"label": "billing"}',
    '{"text": 42, "label": "billing"}',
    '{"text": "", "label": "refund_request"}',
    '{"text": "how do I reset my password?", "label": "password_reset"}',
    '{"text": "the app keeps crashing when I open settings"}',
]

# ---------------------------------------------------------------------------------------------------------------
# Natural-language inference
# ---------------------------------------------------------------------------------------------------------------

NLI_LABELS = ["entailment", "neutral", "contradiction"]
NLI_PER_LABEL = 320         # 3 x 320 = 960 pairs

NUM_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}

# noun, plural, hypernyms [(sg, pl)], kind, gender, adjectives
PEOPLE = [
    ("man", "men", [("person", "people"), ("adult", "adults")], "person", "m", ["young", "elderly", "tall"]),
    ("woman", "women", [("person", "people"), ("adult", "adults")], "person", "f", ["young", "elderly", "tall"]),
    ("boy", "boys", [("child", "children"), ("kid", "kids")], "person", "m", ["tall", "little"]),
    ("girl", "girls", [("child", "children"), ("kid", "kids")], "person", "f", ["tall", "little"]),
    ("teenager", "teenagers", [("young person", "young people"), ("person", "people")], "person", "n", ["tall"]),
    ("chef", "chefs", [("cook", "cooks"), ("person", "people")], "person", "n", ["young", "elderly"]),
    ("nurse", "nurses", [("health worker", "health workers"), ("person", "people")], "person", "n",
     ["young", "elderly"]),
    ("student", "students", [("person", "people"), ("young person", "young people")], "person", "n", ["tall"]),
    ("police officer", "police officers", [("officer", "officers"), ("person", "people")], "person", "n",
     ["young", "tall"]),
    ("street musician", "street musicians", [("musician", "musicians"), ("performer", "performers")], "person", "n",
     ["young", "elderly"]),
    ("construction worker", "construction workers", [("worker", "workers"), ("person", "people")], "person", "n",
     ["young", "tall"]),
    ("grandmother", "grandmothers", [("woman", "women"), ("older person", "older people")], "person", "f", []),
    ("grandfather", "grandfathers", [("man", "men"), ("older person", "older people")], "person", "m", []),
    ("tourist", "tourists", [("traveller", "travellers"), ("person", "people")], "person", "n", ["young", "tall"]),
]
ANIMALS = [
    ("golden retriever", "golden retrievers", [("dog", "dogs"), ("animal", "animals")], "dog", "n",
     ["big", "small", "wet"]),
    ("German shepherd", "German shepherds", [("dog", "dogs"), ("animal", "animals")], "dog", "n", ["big", "wet"]),
    ("puppy", "puppies", [("dog", "dogs"), ("young animal", "young animals")], "dog", "n", ["small", "wet"]),
    ("tabby cat", "tabby cats", [("cat", "cats"), ("animal", "animals")], "cat", "n", ["big", "small"]),
    ("kitten", "kittens", [("cat", "cats"), ("young animal", "young animals")], "cat", "n", ["small"]),
    ("horse", "horses", [("animal", "animals")], "horse", "n", ["brown", "white", "big"]),
    ("pony", "ponies", [("animal", "animals")], "horse", "n", ["brown", "white"]),
    ("seagull", "seagulls", [("bird", "birds"), ("animal", "animals")], "bird", "n", ["big", "small"]),
    ("pigeon", "pigeons", [("bird", "birds"), ("animal", "animals")], "bird", "n", ["grey", "white"]),
]
ADJ_ANTONYM = {"young": "elderly", "elderly": "young", "tall": "short", "little": "tall", "big": "small",
               "small": "big", "wet": "dry", "brown": "white", "white": "black", "grey": "black"}
GENDER_SWAP = {"man": ("woman", "women"), "woman": ("man", "men"), "boy": ("girl", "girls"),
               "girl": ("boy", "boys"), "grandmother": ("grandfather", "grandfathers"),
               "grandfather": ("grandmother", "grandmothers")}

COLORS = ["red", "blue", "green", "yellow", "black", "white", "orange"]
# (singular, plural) modifier templates; {c} = colour that can be swapped for a contradiction
PERSON_MODS = [("wearing a {c} jacket", "wearing {c} jackets"), ("in a {c} hat", "in {c} hats"),
               ("wearing a {c} T-shirt", "wearing {c} T-shirts"), ("with a {c} backpack", "with {c} backpacks"),
               ("wearing glasses", "wearing glasses"), ("with curly hair", "with curly hair"),
               ("in a {c} raincoat", "in {c} raincoats")]
ANIMAL_MODS = [("with a {c} collar", "with {c} collars"), ("with a stick in its mouth", "with sticks in their mouths")]

# places: key -> (phrase, indoor?, generalisations)
PLACES = {
    "park": ("in a park", False, ["outdoors", "outside", "in a park"]),
    "beach": ("on a sandy beach", False, ["on a beach", "outdoors", "near the sea"]),
    "kitchen": ("in a small kitchen", True, ["in a kitchen", "indoors", "inside"]),
    "library": ("in a quiet library", True, ["in a library", "indoors", "inside a building"]),
    "street": ("on a busy street", False, ["on a street", "outdoors", "outside"]),
    "train": ("on a crowded train", True, ["on a train", "on public transport"]),
    "trail": ("on a mountain trail", False, ["outdoors", "in the mountains", "outside"]),
    "cafe": ("in a small cafe", True, ["in a cafe", "indoors", "inside"]),
    "field": ("in a grassy field", False, ["in a field", "outdoors", "outside"]),
    "office": ("in a busy office", True, ["in an office", "indoors", "at a workplace"]),
    "classroom": ("in a classroom", True, ["indoors", "inside a school"]),
    "yard": ("in a backyard", False, ["outdoors", "outside", "near a house"]),
    "market": ("at an outdoor market", False, ["at a market", "outdoors", "outside"]),
    "stage": ("on a stage in a concert hall", True, ["on a stage", "indoors", "in a concert hall"]),
    "lake": ("in a lake", False, ["outdoors", "in the water"]),
    "pool": ("in an indoor pool", True, ["in a pool", "indoors", "in the water"]),
    "gym": ("in a gym", True, ["indoors", "inside"]),
    "harbour": ("over a busy harbour", False, ["outdoors", "over a harbour", "near the water"]),
    "snowfield": ("on a snowy hillside", False, ["outdoors", "in the snow", "on a hillside"]),
}

TIMES = [("in the morning", "at night"), ("at night", "in the morning"), ("at sunset", "at sunrise"),
         ("at sunrise", "at sunset"), ("early in the morning", "late at night"),
         ("on a rainy afternoon", "on a dry, sunny afternoon"), ("on a sunny day", "during a heavy rainstorm"),
         ("in the evening", "at noon"), ("during a snowstorm", "on a hot summer day")]

# vp (with {be}), generalisations/paraphrases, incompatible vps, places, kinds
ACTIONS = [
    ("{be} reading a book", ["{be} reading", "{be} holding a book", "{be} looking at a book"],
     ["{be} sleeping", "{be} dancing wildly", "{be} jogging"],
     ["park", "library", "cafe", "train", "beach", "yard", "office"], ["person"]),
    ("{be} eating a sandwich", ["{be} eating", "{be} having a sandwich", "{be} having some food"],
     ["{be} sleeping", "{be} swimming", "{be} singing loudly"],
     ["park", "cafe", "kitchen", "office", "train", "beach", "market"], ["person"]),
    ("{be} riding a bicycle", ["{be} riding a bike", "{be} cycling", "{be} on a bike"],
     ["{be} sitting on a bench", "{be} sleeping", "{be} swimming"],
     ["park", "street", "trail", "beach"], ["person"]),
    ("{be} playing a guitar", ["{be} playing an instrument", "{be} making music", "{be} playing music"],
     ["{be} sleeping", "{be} swimming", "{be} playing the drums"],
     ["park", "street", "stage", "cafe", "beach", "market"], ["person"]),
    ("{be} cooking pasta", ["{be} cooking", "{be} preparing food", "{be} making a meal"],
     ["{be} sleeping", "{be} riding a horse", "{be} skiing"],
     ["kitchen"], ["person"]),
    ("{be} grilling vegetables", ["{be} cooking", "{be} preparing food", "{be} using a grill"],
     ["{be} sleeping", "{be} swimming"],
     ["yard", "beach", "market"], ["person"]),
    ("{be} jogging", ["{be} running", "{be} exercising", "{be} moving"],
     ["{be} sitting still", "{be} sleeping", "{be} lying down"],
     ["park", "beach", "street", "trail"], ["person"]),
    ("{be} painting a picture", ["{be} painting", "{be} making art", "{be} creating a picture"],
     ["{be} sleeping", "{be} running a marathon"],
     ["park", "yard", "classroom", "beach"], ["person"]),
    ("{be} talking on a phone", ["{be} using a phone", "{be} on a phone call", "{be} speaking"],
     ["{be} sleeping", "{be} swimming", "{be} sitting in silence"],
     ["street", "train", "office", "cafe", "park"], ["person"]),
    ("{be} playing soccer", ["{be} playing football", "{be} playing a sport", "{be} playing a game"],
     ["{be} sleeping", "{be} sitting at a desk", "{be} lying on a sofa"],
     ["park", "field", "beach"], ["person"]),
    ("{be} swimming", ["{be} in the water", "{be} moving through water"],
     ["{be} sitting on a sofa", "{be} sleeping in a bed", "{be} riding a bicycle"],
     ["lake", "pool"], ["person"]),
    ("{be} typing on a laptop", ["{be} using a computer", "{be} using a laptop", "{be} typing"],
     ["{be} sleeping", "{be} swimming", "{be} jogging"],
     ["office", "cafe", "library", "train", "classroom"], ["person"]),
    ("{be} selling fruit", ["{be} selling food", "{be} working", "{be} selling something"],
     ["{be} sleeping", "{be} swimming"],
     ["market", "street"], ["person"]),
    ("{be} climbing a rock wall", ["{be} climbing", "{be} exercising"],
     ["{be} sitting on a sofa", "{be} sleeping"],
     ["gym", "trail"], ["person"]),
    ("{be} drinking coffee", ["{be} drinking something", "{be} having a drink", "{be} having coffee"],
     ["{be} sleeping", "{be} swimming"],
     ["cafe", "office", "kitchen", "train", "park"], ["person"]),
    ("{be} taking photographs", ["{be} taking pictures", "{be} using a camera", "{be} taking photos"],
     ["{be} sleeping", "{be} swimming"],
     ["park", "beach", "street", "market", "trail", "snowfield"], ["person"]),
    ("{be} singing", ["{be} making music", "{be} performing a song"],
     ["{be} sleeping", "{be} eating a sandwich", "{be} silent"],
     ["stage", "street", "park", "classroom"], ["person"]),
    ("{be} skiing down a slope", ["{be} skiing", "{be} moving downhill"],
     ["{be} sitting by a fire", "{be} swimming", "{be} sleeping"],
     ["snowfield"], ["person"]),
    ("{be} building a sandcastle", ["{be} playing with sand", "{be} building something"],
     ["{be} sleeping", "{be} swimming"],
     ["beach"], ["person"]),
    # animals
    ("{be} running", ["{be} moving", "{be} moving quickly"],
     ["{be} sleeping", "{be} lying still", "{be} sitting still"],
     ["beach", "park", "field", "yard", "snowfield"], ["dog", "cat", "horse"]),
    ("{be} chasing a ball", ["{be} playing", "{be} chasing something", "{be} running after a ball"],
     ["{be} sleeping", "{be} lying still"],
     ["beach", "park", "field", "yard"], ["dog", "cat"]),
    ("{be} drinking water from a bowl", ["{be} drinking", "{be} drinking water"],
     ["{be} sleeping", "{be} running across the field"],
     ["yard", "kitchen", "park"], ["dog", "cat"]),
    ("{be} digging a hole", ["{be} digging", "{be} moving dirt"],
     ["{be} sleeping", "{be} swimming"],
     ["yard", "beach", "field", "park"], ["dog"]),
    ("{be} sleeping", ["{be} resting", "{be} asleep"],
     ["{be} running", "{be} chasing a ball", "{be} jumping"],
     ["yard", "kitchen", "field", "park", "beach"], ["dog", "cat"]),
    ("{be} galloping", ["{be} running", "{be} moving quickly"],
     ["{be} standing still", "{be} lying down"],
     ["field", "beach", "snowfield"], ["horse"]),
    ("{be} eating grass", ["{be} eating", "{be} grazing"],
     ["{be} galloping", "{be} sleeping"],
     ["field", "yard", "park"], ["horse"]),
    ("{be} flying", ["{be} in the air", "{be} moving"],
     ["{be} sitting on a fence", "{be} standing on the ground"],
     ["harbour", "park"], ["bird"]),
    ("{be} pecking at bread crumbs", ["{be} eating", "{be} feeding"],
     ["{be} flying high above the clouds", "{be} sleeping"],
     ["beach", "park", "street", "market"], ["bird"]),
]

PERSON_NEUTRAL_TAILS = ["with a friend", "for the first time", "after a long day at work", "to relax",
                        "while waiting for a friend", "before a job interview", "on their birthday",
                        "to raise money for charity", "for a school project", "because they are bored",
                        "for a competition", "while on vacation"]
ANIMAL_NEUTRAL_TAILS = ["with its owner nearby", "for the first time", "after a bath", "because it is hungry",
                        "while its owner watches", "to get attention"]
EMOTIONS = ["happy", "nervous", "tired", "excited", "bored", "sad", "proud", "worried"]
RELATIVES = ["sister", "brother", "father", "mother", "grandson", "best friend", "cousin", "neighbour"]
PERSON_NEUTRAL_FACTS = ["{The} {noun} {is} on vacation.", "{The} {noun} {is} waiting for someone.",
                        "{The} {noun} {is} new in town.", "{The} {noun} {has} a meeting later today.",
                        "{The} {noun} {is} famous.", "{The} {noun} {is} training for a marathon.",
                        "{The} {noun} {is} celebrating a birthday.", "{The} {noun} {is} from another country.",
                        "{The} {noun} {has} just finished work.", "{The} {noun} {is} in a hurry."]
ANIMAL_NEUTRAL_FACTS = ["{The} {noun} {is} hungry.", "{The} {noun} {is} lost.", "{The} {noun} {has} an owner nearby.",
                        "{The} {noun} {is} very old.", "{The} {noun} {is} someone's pet.",
                        "{The} {noun} {is} tired."]


def art(word):
    return "an" if word[0].lower() in "aeiou" else "a"


def cap(s):
    return s[0].upper() + s[1:]


class Scene:
    """One premise: who (entity, count, adjective, modifier), does what, where, when."""

    def __init__(self, rng):
        self.rng = rng
        use_animal = rng.random() < 0.25
        self.ent = rng.choice(ANIMALS if use_animal else PEOPLE)
        kind = self.ent[3]
        self.action = rng.choice([a for a in ACTIONS if kind in a[4]])
        self.place_key = rng.choice(self.action[3]) if rng.random() < 0.85 else None
        self.time = rng.choice(TIMES) if rng.random() < 0.45 else None
        self.count = 1 if rng.random() < 0.65 else rng.choice([2, 2, 3, 3, 4, 5])
        self.adj = rng.choice(self.ent[5]) if self.ent[5] and rng.random() < 0.45 else None
        mods = ANIMAL_MODS if use_animal else PERSON_MODS
        if rng.random() < 0.4:
            self.mod = rng.choice(mods)
            self.color = rng.choice(COLORS)
        else:
            self.mod, self.color = None, None

    @property
    def animal(self):
        return self.ent[3] != "person"

    def subject(self, definite=False, noun=None, adj="keep", mod="keep", count=None, color=None):
        count = self.count if count is None else count
        sg, pl = noun if noun else (self.ent[0], self.ent[1])
        adj = self.adj if adj == "keep" else adj
        mod = self.mod if mod == "keep" else mod
        words = []
        if adj:
            words.append(adj)
        words.append(sg if count == 1 else pl)
        head = " ".join(words)
        if count == 1:
            det = "the" if definite else art(head)
        else:
            det = ("the " if definite else "") + NUM_WORDS[count]
        s = det + " " + head
        if mod:
            s += " " + mod[0 if count == 1 else 1].format(c=color or self.color)
        return s

    def be(self, count=None):
        return "is" if (self.count if count is None else count) == 1 else "are"

    def vp(self, vp=None, count=None):
        return (vp or self.action[0]).format(be=self.be(count))

    def place(self):
        return PLACES[self.place_key][0] if self.place_key else None

    def sentence(self, subj=None, vp=None, place="keep", time="keep", tail=None, count=None):
        place = self.place() if place == "keep" else place
        time = (self.time[0] if self.time else None) if time == "keep" else time
        parts = [subj or self.subject(count=count), self.vp(vp, count)]
        if place:
            parts.append(place)
        if tail:
            parts.append(tail)
        if time:
            parts.append(time)
        return fix_articles(cap(" ".join(parts)) + ".")


def fix_articles(text):
    return re.sub(r"\b([Aa]) (?=[aeiou])", r"\1n ", text)


def nli_pair(rng, label):
    """Return (premise, hypothesis, strategy) or None when the chosen strategy does not fit the scene."""
    s = Scene(rng)
    premise = s.sentence()
    count = s.count
    hypers = s.ent[2]
    gender = s.ent[4]
    poss = "their" if (count > 1 or gender == "n") else ("his" if gender == "m" else "her")
    if s.animal:
        poss = "its" if count == 1 else "their"

    if label == "entailment":
        strategy = rng.choice(["hypernym", "drop_modifiers", "action_generalisation", "place_generalisation",
                               "low_overlap", "number", "hypernym_drop"])
        if strategy == "hypernym":
            h = rng.choice(hypers)
            hyp = s.sentence(subj=s.subject(noun=h, adj=None))
        elif strategy == "hypernym_drop":
            h = rng.choice(hypers)
            hyp = s.sentence(subj=s.subject(noun=h, adj=None, mod=None), place=None, time=None)
        elif strategy == "drop_modifiers":
            if not (s.adj or s.mod or s.time or s.place_key):
                return None
            keep_place = s.place_key and rng.random() < 0.4
            hyp = s.sentence(subj=s.subject(adj=None, mod=None), place="keep" if keep_place else None, time=None)
        elif strategy == "action_generalisation":
            vp = rng.choice(s.action[1])
            if s.animal and "their" in vp:
                return None
            hyp = s.sentence(subj=s.subject(definite=rng.random() < 0.5), vp=vp, time=None)
        elif strategy == "place_generalisation":
            if not s.place_key:
                return None
            gen = rng.choice(PLACES[s.place_key][2])
            hyp = s.sentence(subj=s.subject(adj=None, mod=None), place=gen, time=None)
        elif strategy == "low_overlap":
            if s.place_key and rng.random() < 0.5:
                gen = rng.choice(PLACES[s.place_key][2])
                who = ("Some " + hypers[-1][1]) if count > 1 else (
                    "Someone" if not s.animal else "An animal" if hypers[-1][0] == "animal" else cap(
                        art(hypers[-1][0]) + " " + hypers[-1][0]))
                hyp = "%s %s %s." % (who, "are" if count > 1 else "is", gen)
            else:
                vp = rng.choice(s.action[1])
                if s.animal:
                    who = "Some animals" if count > 1 else "An animal"
                else:
                    who = "Some people" if count > 1 else "Someone"
                if "their" in vp and s.animal:
                    return None
                hyp = cap("%s %s." % (who, vp.format(be="are" if count > 1 else "is")))
        else:  # number
            if count == 1:
                return None
            sg, pl = s.ent[0], s.ent[1]
            form = rng.choice(["more", "some", "atleast", "group"])
            if form == "more":
                hyp = "More than one %s is %s." % (sg, s.vp(count=1)[3:])
            elif form == "some":
                hyp = s.sentence(subj="some " + pl, time=None)
            elif form == "atleast" and count >= 3:
                hyp = s.sentence(subj="at least two " + pl, time=None, place=None)
            else:
                hyp = s.sentence(subj="a group of " + pl, time=None)
            if form == "more":
                hyp = hyp.replace("is is ", "is ")
    elif label == "contradiction":
        strategy = rng.choice(["negation", "incompatible_action", "incompatible_place", "number", "antonym",
                               "gender_swap", "low_overlap", "nobody"])
        if strategy == "negation":
            vp = s.vp().replace(" is ", " is not ", 1) if False else s.action[0].replace("{be}", "{be} not")
            hyp = s.sentence(subj=s.subject(definite=True), vp=vp, time=None)
        elif strategy == "nobody":
            if count > 1:
                return None
            hyp = s.sentence(subj="nobody", vp=s.action[0], count=1, time=None)
        elif strategy == "incompatible_action":
            hyp = s.sentence(subj=s.subject(definite=rng.random() < 0.5), vp=rng.choice(s.action[2]))
        elif strategy == "incompatible_place":
            if not s.place_key:
                return None
            indoor = PLACES[s.place_key][1]
            others = [k for k in PLACES if PLACES[k][1] != indoor and k not in ("lake", "pool", "stage", "harbour")]
            hyp = s.sentence(place=PLACES[rng.choice(others)][0])
        elif strategy == "number":
            if count == 1:
                return None
            other = rng.choice([n for n in NUM_WORDS if n != count and abs(n - count) >= 2] or [6])
            hyp = s.sentence(subj=s.subject(count=other), count=other)
        elif strategy == "antonym":
            options = []
            if s.adj and s.adj in ADJ_ANTONYM:
                options.append("adj")
            if s.time:
                options.append("time")
            if s.mod and "{c}" in s.mod[0]:
                options.append("color")
            if not options:
                return None
            which = rng.choice(options)
            if which == "adj":
                hyp = s.sentence(subj=s.subject(adj=ADJ_ANTONYM[s.adj]))
            elif which == "time":
                hyp = s.sentence(time=s.time[1])
            else:
                hyp = s.sentence(subj=s.subject(color=rng.choice([c for c in COLORS if c != s.color])))
        elif strategy == "gender_swap":
            if s.ent[0] not in GENDER_SWAP:
                return None
            hyp = s.sentence(subj=s.subject(noun=GENDER_SWAP[s.ent[0]], adj=None if s.adj == "little" else "keep"))
        else:  # low_overlap
            if s.place_key:
                indoor = PLACES[s.place_key][1]
                who = "the " + (s.ent[0] if count == 1 else s.ent[1])
                be = "is" if count == 1 else "are"
                where = rng.choice(["outdoors", "outside"] if indoor else ["indoors", "inside a building"])
                hyp = cap("%s %s %s." % (who, be, where))
            else:
                opposite = rng.choice(s.action[2])
                hyp = s.sentence(subj="the " + (s.ent[0] if count == 1 else s.ent[1]), vp=opposite,
                                 place=None, time=None)
    else:  # neutral
        strategy = rng.choice(["purpose_or_detail", "emotion", "relation", "unrelated_fact", "specific_noun",
                               "added_place", "added_time"])
        if strategy == "purpose_or_detail":
            tails = ANIMAL_NEUTRAL_TAILS if s.animal else PERSON_NEUTRAL_TAILS
            tail = rng.choice(tails)
            if count > 1:
                tail = tail.replace("its owner", "their owner").replace("it is", "they are")
            hyp = s.sentence(tail=tail)
        elif strategy == "emotion":
            if s.animal:
                return None
            hyp = s.sentence(subj=s.subject(adj=rng.choice(EMOTIONS)))
        elif strategy == "relation":
            if s.animal:
                return None
            hyp = s.sentence(subj=s.subject(definite=True), tail="with %s %s" % (poss, rng.choice(RELATIVES)),
                             time=None)
        elif strategy == "unrelated_fact":
            facts = ANIMAL_NEUTRAL_FACTS if s.animal else PERSON_NEUTRAL_FACTS
            noun = s.ent[0] if count == 1 else s.ent[1]
            hyp = rng.choice(facts).format(The="The", noun=noun, **{"is": "is" if count == 1 else "are",
                                                                     "has": "has" if count == 1 else "have"})
        elif strategy == "specific_noun":
            # premise uses the general word, hypothesis the specific one: not entailed
            h = rng.choice(hypers)
            if h[0] in ("woman", "man"):
                return None
            premise = s.sentence(subj=s.subject(noun=h, adj=None))
            hyp = s.sentence(subj=s.subject(adj=None))
        elif strategy == "added_place":
            # premise without a place, hypothesis names one
            if not s.place_key:
                return None
            premise = s.sentence(place=None)
            hyp = s.sentence(subj=s.subject(definite=True, adj=None, mod=None), time=None)
        else:  # added_time
            if s.time:
                return None
            hyp = s.sentence(time=rng.choice(TIMES)[0])
    hyp = fix_articles(re.sub(r"\s+", " ", hyp).strip())
    if hyp == premise:
        return None
    return premise, cap(hyp), strategy


def make_nli():
    rng = random.Random(NLI_SEED)
    seen_premises = {}
    seen_pairs = {}
    per_label = {label: [] for label in NLI_LABELS}
    strategies = {}
    for label in NLI_LABELS:
        attempts = 0
        while len(per_label[label]) < NLI_PER_LABEL:
            attempts += 1
            if attempts > 200000:
                raise RuntimeError("cannot make enough %s pairs" % label)
            pair = nli_pair(rng, label)
            if pair is None:
                continue
            premise, hyp, strategy = pair
            if premise.lower() in seen_premises or (premise.lower(), hyp.lower()) in seen_pairs:
                continue
            seen_premises[premise.lower()] = True
            seen_pairs[(premise.lower(), hyp.lower())] = True
            per_label[label].append({"premise": premise, "hypothesis": hyp, "label": label})
            strategies[(label, strategy)] = strategies.get((label, strategy), 0) + 1
    rows = {s: [] for s in SPLITS}
    for label in NLI_LABELS:
        items = per_label[label]
        rng.shuffle(items)
        n_train, n_val, _ = split_counts(len(items))
        rows["train"].extend(items[:n_train])
        rows["validation"].extend(items[n_train:n_train + n_val])
        rows["test"].extend(items[n_train + n_val:])
    for split in SPLITS:
        rng.shuffle(rows[split])
    return rows, strategies


# ---------------------------------------------------------------------------------------------------------------
# Writing and checking
# ---------------------------------------------------------------------------------------------------------------

def write_jsonl(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def check():
    """Parse every line, count per split and label, count duplicates. Prints Markdown tables; returns ok."""
    ok = True
    specs = [("customer-support", ("text",), CS_LABELS, lambda r: r["text"].strip().lower()),
             ("nli", ("premise", "hypothesis"), NLI_LABELS,
              lambda r: (r["premise"].strip().lower(), r["hypothesis"].strip().lower()))]
    for name, fields, labels, key in specs:
        counts = {}
        keys = {}
        dup_within = 0
        dup_across = 0
        bad = 0
        for split in SPLITS:
            path = os.path.join(HERE, name, split + ".jsonl")
            local = {}
            with open(path, "rb") as f:
                raw = f.read()
            for lineno, line in enumerate(raw.decode("utf-8").split("\n")[:-1], 1):
                try:
                    row = json.loads(line)
                    assert set(row) == set(fields) | {"label"}, "fields"
                    assert all(isinstance(row[k], str) and row[k].strip() for k in fields), "text"
                    assert row["label"] in labels, "label"
                except Exception as e:  # noqa: BLE001 - report any failure
                    print("BAD %s/%s line %d: %s" % (name, split, lineno, e))
                    bad += 1
                    continue
                counts[(split, row["label"])] = counts.get((split, row["label"]), 0) + 1
                k = key(row)
                if k in local:
                    dup_within += 1
                elif k in keys:
                    dup_across += 1
                local[k] = True
            for k in local:
                keys[k] = split
        print("\n### %s\n" % name)
        print("| label | " + " | ".join(SPLITS) + " | total |")
        print("|---|" + "---:|" * (len(SPLITS) + 1))
        for label in labels:
            vals = [counts.get((s, label), 0) for s in SPLITS]
            print("| `%s` | %s | %d |" % (label, " | ".join(str(v) for v in vals), sum(vals)))
        tot = [sum(counts.get((s, l), 0) for l in labels) for s in SPLITS]
        print("| **total** | %s | **%d** |" % (" | ".join("**%d**" % v for v in tot), sum(tot)))
        print("\nlines that fail to parse or validate: %d; duplicate %s within a split: %d; across splits: %d"
              % (bad, "texts" if name == "customer-support" else "pairs", dup_within, dup_across))
        ok = ok and bad == 0 and dup_within == 0 and dup_across == 0
    # the broken file must break in exactly the documented ways
    path = os.path.join(HERE, "customer-support", "bad-rows-example.jsonl")
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")[:-1]
    valid = 0
    for line in lines:
        try:
            row = json.loads(line)
            if isinstance(row.get("text"), str) and row["text"].strip() and row.get("label") in CS_LABELS:
                valid += 1
        except json.JSONDecodeError:
            pass
    print("\nbad-rows-example.jsonl: %d lines, %d of them valid (expected 0)" % (len(lines), valid))
    return ok and valid == 0


def main():
    if "--check" not in sys.argv[1:]:
        cs = make_customer_support()
        for split in SPLITS:
            write_jsonl(os.path.join(HERE, "customer-support", split + ".jsonl"), cs[split])
        with open(os.path.join(HERE, "customer-support", "bad-rows-example.jsonl"), "w", encoding="utf-8",
                  newline="") as f:
            f.write("\n".join(BAD_ROWS) + "\n")
        nli, strategies = make_nli()
        for split in SPLITS:
            write_jsonl(os.path.join(HERE, "nli", split + ".jsonl"), nli[split])
        print("NLI construction strategies (label / strategy / pairs):")
        for (label, strategy) in sorted(strategies):
            print("  %-13s %-22s %d" % (label, strategy, strategies[(label, strategy)]))
    sys.exit(0 if check() else 1)


if __name__ == "__main__":
    main()
