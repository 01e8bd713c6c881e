#!/usr/bin/env python3
"""Generate the synthetic sample data sets of spark-distill, deterministically.

Standard library only. Running it twice gives byte-identical files:

    python3 data-samples/generate_samples.py          # (re)write every file, then check them
    python3 data-samples/generate_samples.py --check  # only check the files already on disk

Writes, next to this script:
    customer-support/{train,validation,test}.jsonl   {"text": ..., "label": ...}
    customer-support/bad-rows-example.jsonl          deliberately broken rows (quarantine demo)
    nli/{train,validation,test}.jsonl                {"premise": ..., "hypothesis": ..., "label": ...}
    conversation/{train,validation,test}.jsonl       {"messages": [{"role", "content"}, ...], "reference": ...}
    qa/{train,validation,test}.jsonl                 {"context": ..., "question": ..., "answers": [...]}
    math/{train,validation,test}.jsonl               {"question": ..., "answer": "<steps>\n#### <number>"}
    summarisation/{train,validation,test}.jsonl      {"document": ..., "summary": ...}

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


# Bytes, not text: line 9 is Latin-1, which a UTF-8 reader must refuse rather than repair.
BAD_ROWS = [
    b'{"text": "my parcel never arrived, order #558120", "label": "shipping_delivery"',
    b'{"label": "billing"}',
    b'{"text": 42, "label": "billing"}',
    b'{"text": "", "label": "refund_request"}',
    b'{"text": "how do I reset my password?", "label": "password_reset"}',
    b'{"text": "the app keeps crashing when I open settings"}',
    b'{"text": "where is my refund?", "label": "refund_request"} {"text": "and my invoice?", "label": "billing"}',
    b'{"text": "I was charged twice", "label": "billing", "label": "refund_request"}',
    b'{"text": "the caf\xe9 order never came", "label": "shipping_delivery"}',
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
# Shared helpers for the generative sets (conversation, qa, math, summarisation)
# ---------------------------------------------------------------------------------------------------------------

CONV_SEED = 20260429
QA_SEED = 20260430
MATH_SEED = 20260501
SUM_SEED = 20260502
CONV_N = 400                # 280 / 40 / 80
QA_N = 400
MATH_N = 400
SUM_N = 400

FIRST_NAMES = ["Anna", "José", "Mei", "Tom", "Priya", "Zoë", "Ahmed", "Olga", "Kwame", "Lucía", "Hannah", "Dmitri",
               "Sven", "Aisha", "Marco", "Yuki", "Grace", "Omar", "Ingrid", "Rafael", "Nadia", "Ben", "Chloé", "Tariq"]
LAST_NAMES = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Kowalski", "Haddad", "Fernández", "Brennan", "Novak",
              "Achterberg", "Sato", "Mensah", "Rossi", "Whitfield", "Duarte", "Petrov", "Nakamura", "O'Neill",
              "Castellanos", "Berglund"]
STREETS = ["Mill Lane", "Harbour Road", "Rue des Lilas", "Kastanienallee", "Elm Street", "Victoria Road",
           "Calle Mayor", "Station Road", "Oak Avenue", "Parkweg"]


def alt(rng, text):
    """Resolve <a|b|c> alternatives (no nesting)."""
    return re.sub(r"<([^<>]*)>", lambda m: rng.choice(m.group(1).split("|")), text)


def render(rng, text, d):
    """Pick one of the top-level a|b variants, resolve <x|y> alternatives, then fill {details}."""
    variants = re.split(r"\|(?![^<>]*>)", text)
    return alt(rng, rng.choice(variants)).format(**d)


def person(rng):
    return "%s %s" % (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))


def split_rows(rng, items):
    """Shuffle and cut 70/10/20."""
    rng.shuffle(items)
    n_train, n_val, _ = split_counts(len(items))
    return {"train": items[:n_train], "validation": items[n_train:n_train + n_val],
            "test": items[n_train + n_val:]}


def make_unique(rng, n, make_one, key, name):
    """Call make_one(rng, i) until n rows with distinct key(row) exist."""
    seen = {}
    rows = []
    attempts = 0
    while len(rows) < n:
        attempts += 1
        if attempts > 100 * n:
            raise RuntimeError("cannot make %d distinct %s rows" % (n, name))
        row = make_one(rng, len(rows))
        if row is None:
            continue
        k = key(row)
        if k in seen:
            continue
        seen[k] = True
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------------------------
# Conversation: multi-turn customer-support chats ending with a user turn; reference = next assistant reply
# ---------------------------------------------------------------------------------------------------------------

CONV_GREETINGS = ["Hi! I'm the support assistant. How can I help you today?",
                  "Hello, thanks for contacting support. What can I do for you?",
                  "Hi there, you're chatting with customer support. How can I help?",
                  "Welcome to support! What can I help you with today?"]

FEATURES = ["the settings page", "the checkout screen", "my order history", "the photo upload", "notifications",
            "the camera scanner", "my saved addresses", "the search page"]

# Each scenario: the details it needs, then three (user, assistant) exchanges. {x} are details; <a|b> alternatives.
CONV_SCENARIOS = [
    ("delivery_delay", [
        ("<Hi|Hello>, my order {order} <still hasn't arrived|hasn't shown up yet>. It should have been here "
         "{days} days ago.|Where is my {product}? Order {order}, <it's|it is> {days} days late and tracking "
         "hasn't moved.",
         "I'm sorry for the wait. I've checked order {order}: your {product} was handed to {carrier}, and "
         "tracking shows it's held at their local depot. The new estimated delivery date is {date}."),
        ("{date}? <That's too late|That doesn't work for me>, I need the {product} for <a trip|a birthday|work> "
         "before then. <Can you speed it up?|Is there anything you can do?>",
         "I understand. I can't make {carrier} deliver sooner, but I can send a replacement {product} by express "
         "shipping at no cost, or cancel order {order} and refund you {amount}. Which would you prefer?"),
        ("<The refund please.|I'll take the refund.|Just refund me, please.>",
         "Done: I've cancelled order {order} and refunded {amount} to your original payment method. It usually "
         "appears within 3-5 business days. If {carrier} still delivers the {product}, you can refuse the "
         "parcel and it will come back to us."),
    ]),
    ("double_charge", [
        ("<Hello|Hi>, I was charged twice for my {plan} this month: two payments of {amount} on {date}.|"
         "Why did you take {amount} twice on {date}? I only have one {plan}.",
         "Sorry about that. I can see both charges of {amount} on {date} for your {plan}; the second one is a "
         "duplicate. I've refunded it, and {amount} should be back on your card within 3-5 business days."),
        ("Thanks. <Will this happen again next month?|How do I know it won't happen again?>",
         "It shouldn't: the duplicate came from a payment retry during an outage on {date}, which has been "
         "fixed. Your next {plan} renewal will charge {amount} once."),
        ("<Can you send|Could you email> me an invoice showing the refund? My email is {email}.",
         "Of course. I've sent a corrected invoice for your {plan} to {email}; it shows the charge of {amount} "
         "and the refund of the duplicate {amount} from {date}."),
    ]),
    ("two_factor", [
        ("I can't log in. <Since I switched to a new {phone}|Since I got my new {phone}> I don't get the "
         "two-factor code any more.|<Help,|Hi,> I'm locked out: the login code never arrives on my new {phone}.",
         "Sorry about that. Codes are sent to the phone number on your account, so they can stop arriving after "
         "a phone change. To verify you, could you tell me the email address on the account?"),
        ("<It's|Sure, it's> {email}.",
         "Thank you. I've sent a one-time recovery link to {email}; it is valid for 30 minutes. Once you're in, "
         "go to Settings > Security and set up two-factor authentication again on your {phone}."),
        ("<Got it,|OK,> I'm back in. Do I need to do anything about the old phone?",
         "Glad you're back in! Yes: under Settings > Security, remove the old phone from your trusted devices so "
         "only your {phone} can receive codes for {email}."),
    ]),
    ("refund_status", [
        ("I returned the {product} from order {order} on {date} and I still haven't got my {amount} back.|"
         "<Hi,|Hello,> where is my refund? I sent back the {product} (order {order}) on {date}.",
         "I'm sorry for the wait. Your {product} from order {order} reached our warehouse and the return was "
         "approved, so a refund of {amount} has been issued. Card refunds usually take 5-10 business days to "
         "appear."),
        ("It's been {days} days <already|now>. Can you check again?",
         "You're right, {days} days is longer than it should take. I've escalated the {amount} refund for order "
         "{order} to our payments team as urgent, and you'll get an email confirmation within 24 hours."),
        ("<Could I get|Can I have> store credit instead if that's faster?",
         "Yes, store credit is instant. I can cancel the card refund for order {order} and add {amount} of "
         "credit to your account right away. Shall I go ahead?"),
    ]),
    ("wrong_item", [
        ("I ordered {a_product} (order {order}) but <received|got> {a_product2} instead.|"
         "Wrong item! Order {order} was {a_product}, the box had {a_product2} in it.",
         "I'm sorry about the mix-up! I've arranged a replacement {product} for order {order} by express "
         "shipping, and I've emailed you a free return label for the {product2}."),
        ("Do I have to send the {product2} back before you ship the {product}?",
         "No, the replacement {product} ships today. Just send the {product2} back within 30 days using the "
         "prepaid label; there's no charge."),
        ("<Actually,|Hmm,> what if I want to keep the {product2} as well?",
         "You can keep it: I'd charge {amount} for the {product2} to the card used for order {order}, and you "
         "can simply ignore the return label. Would you like me to do that?"),
    ]),
    ("cancel_plan", [
        ("I'd like to cancel my {plan}. It renews on {date} and I don't want to be charged again.|"
         "<Please|Hi, please> cancel my {plan} before the renewal on {date}.",
         "I can help with that. Before I cancel, may I ask why you're leaving? If it's the price, I can offer "
         "you three months of the {plan} at half price."),
        ("<No thanks,|Thanks, but no.> I just don't use it enough.",
         "Understood. I've cancelled your {plan}: you keep access until {date} and won't be charged again. A "
         "confirmation has been sent to your email."),
        ("Will I lose my saved data?",
         "Not straight away: your data is kept for 90 days after {date}. If you restart the {plan} before then, "
         "everything will still be there; after that it is deleted."),
    ]),
    ("change_address", [
        ("I just placed order {order} and <realised|noticed> I used my old address. I've moved to {city}.|"
         "Can I still change the delivery address for order {order}? I live in {city} now.",
         "No problem: order {order} hasn't shipped yet, so I can still change the address. What is your full "
         "new address in {city}?"),
        ("<It's|Sure:> {street}, {city}.",
         "Thanks, I've updated order {order} to {street}, {city}. You'll get a new confirmation email with the "
         "corrected address."),
        ("Will <this|the change> delay the delivery?",
         "No. Order {order} hasn't left the warehouse yet, so the delivery date stays the same and {carrier} "
         "will bring it to {street}."),
    ]),
    ("app_crash", [
        ("The app crashes every time I open {feature} on my {mobile}. I'm on version {version}.|"
         "<Hi,|Hello,> your app keeps closing when I go to {feature}. {mobile}, app version {version}.",
         "Sorry about that. Version {version} has a known crash on some {mobile} setups. Please update the app "
         "to the latest version and restart your {mobile}, then try {feature} again."),
        ("I updated and restarted, but it still crashes.",
         "Thanks for trying that. Next, please uninstall and reinstall the app on your {mobile}; your data is "
         "stored in your account, so nothing will be lost. Then sign in again and open {feature}."),
        ("Reinstalling fixed it, thanks! Will I have to do that again?",
         "Great to hear! It shouldn't happen again: the crash came from a cache left by version {version}, and "
         "the reinstall cleared it. If {feature} ever crashes again, let us know and mention your {mobile}."),
    ]),
    ("promo_code", [
        ("<My|The> discount code {code} doesn't work at checkout. <It says it's invalid.|It says invalid code.>|"
         "Why is {code} rejected? I'm trying to buy {a_product}.",
         "Sorry for the trouble. The code {code} is valid, but only for orders over {minimum}. Is your basket "
         "above that amount?"),
        ("No, it's just the {product}, which is a bit less than that.",
         "That explains it. As a one-off, I've applied the {code} discount to your account manually, so it "
         "will be taken off the {product} at checkout without the minimum."),
        ("Thanks! Does the code also work for a second {product} as a gift?",
         "{code} can only be used once per account, so the discount applies to one {product} only. If you add "
         "a second {product}, it will be at the full price."),
    ]),
]


def conv_details(rng):
    d = {}
    for slot in ("order", "product", "carrier", "days", "date", "amount", "plan", "device", "email", "version"):
        d[slot] = _slot_value(rng, slot, d)
    d["product2"] = rng.choice([p for p in SLOTS["product"] if p != d["product"]])
    d["city"] = rng.choice(SLOTS["city"])
    d["street"] = "%d %s" % (rng.randint(2, 180), rng.choice(STREETS))
    d["feature"] = rng.choice(FEATURES)
    for slot in ("product", "product2"):
        d["a_" + slot] = ("an " if d[slot][0].lower() in "aeiou" else "a ") + d[slot]
    d["minimum"] = rng.choice(["$50", "$75", "$100", "€60", "£40", "€120"])
    d["phone"] = rng.choice(["iPhone 13", "Samsung Galaxy S22", "Pixel 7", "Huawei phone", "iPhone 15",
                             "Fairphone 5"])
    d["mobile"] = rng.choice([d["phone"], "iPad", "Android tablet"])
    d["code"] = rng.choice(["SPRING", "WELCOME", "SAVE", "HELLO", "FRIENDS", "AUTUMN"]) + str(rng.randint(10, 40))
    d["days"] = str(rng.randint(6, 21))
    return d


def conv_row(rng, i):
    name, turns = CONV_SCENARIOS[i % len(CONV_SCENARIOS)] if i < 3 * len(CONV_SCENARIOS) \
        else rng.choice(CONV_SCENARIOS)
    d = conv_details(rng)
    k = rng.choice([1, 2, 2, 3, 3])              # how many user turns
    greeting = k == 1 or rng.random() < 0.3     # a one-user-turn chat starts with the assistant's greeting
    messages = [{"role": "assistant", "content": rng.choice(CONV_GREETINGS)}] if greeting else []
    reference = None
    for j in range(k):
        user_t, assistant_t = turns[j]
        messages.append({"role": "user", "content": render(rng, user_t, d)})
        reply = render(rng, assistant_t, d)
        if j < k - 1:
            messages.append({"role": "assistant", "content": reply})
        else:
            reference = reply
    return {"messages": messages, "reference": reference}


def make_conversation():
    rng = random.Random(CONV_SEED)
    rows = make_unique(rng, CONV_N, conv_row,
                       lambda r: json.dumps(r, ensure_ascii=False).lower(), "conversation")
    return split_rows(rng, rows)


# ---------------------------------------------------------------------------------------------------------------
# QA: extractive reading comprehension (SQuAD style): every answer is a verbatim span of the context
# ---------------------------------------------------------------------------------------------------------------

CO_PREFIX = ["Nordlicht", "Bluefin", "Kestrel", "Solvane", "Ardent", "Tidewater", "Maplecrest", "Orbis", "Quillon",
             "Veridia", "Halcyon", "Brightwell", "Corvina", "Lumora"]
CO_SUFFIX = ["Labs", "Robotics", "Foods", "Systems", "Textiles", "Energy", "Analytics", "Games", "Bikes", "Optics"]
INDUSTRY = {"Labs": "biotechnology", "Robotics": "robotics", "Foods": "food", "Systems": "software",
            "Textiles": "clothing", "Energy": "solar energy", "Analytics": "data analytics",
            "Games": "video game", "Bikes": "bicycle", "Optics": "camera lens"}
CO_PRODUCTS = {"Labs": ["a rapid flu test", "a plant-based enzyme"], "Robotics": ["a warehouse robot",
               "a window-cleaning drone"], "Foods": ["an oat yoghurt", "a frozen dumpling range"],
               "Systems": ["a payroll app", "an inventory tool"], "Textiles": ["a recycled wool coat",
               "a line of rain jackets"], "Energy": ["a rooftop panel kit", "a home battery"],
               "Analytics": ["a sales forecasting dashboard", "a fraud detection service"],
               "Games": ["a puzzle game called Lantern", "a racing game called Dustline"],
               "Bikes": ["a folding cargo bike", "a lightweight gravel bike"],
               "Optics": ["a 35 mm portrait lens", "a waterproof action camera"]}
QA_CITIES = [("Lyon", "France"), ("Leeds", "England"), ("Denver", "the United States"), ("Kraków", "Poland"),
             ("Osaka", "Japan"), ("Toronto", "Canada"), ("Munich", "Germany"), ("Porto", "Portugal"),
             ("Melbourne", "Australia"), ("Nairobi", "Kenya"), ("Valparaíso", "Chile"), ("Tallinn", "Estonia")]
TOWN_A = ["Vel", "Ash", "Mar", "Ost", "Bren", "Cal", "Dun", "Fen", "Gal", "Hol", "Kir", "Lin", "Rav", "Sel", "Tor"]
TOWN_B = ["mora", "bury", "wick", "haven", "dale", "ford", "holm", "stead", "mouth", "ridge", "field", "vik"]
REGIONS = ["the northern highlands", "the southern lake district", "the eastern coast", "the western plains",
           "the central valley", "the river delta"]
RIVERS = ["Ember", "Silvan", "Corra", "Medlow", "Tarn", "Ouse", "Liss", "Brandt"]
FESTIVALS = ["Lantern Festival", "Harvest Fair", "Jazz Week", "Kite Festival", "Cheese Market", "Boat Parade"]
LANDMARKS = ["a stone bridge with seven arches", "a red-brick clock tower", "a wooden lighthouse",
             "a restored windmill", "a Gothic cathedral", "a covered market hall"]
GADGET_NAMES = ["Zephyr", "Atlas", "Nimbus", "Pico", "Vega", "Orion", "Flux", "Echo", "Nova", "Terra"]
# type, what a charge gives, weight range and unit, battery range, price range in tens
GADGET_TYPES = [("e-bike", "kilometres of range", (17, 28, "kilograms"), (40, 150), (120, 400)),
                ("smartwatch", "hours of battery life", (28, 70, "grams"), (18, 120), (10, 60)),
                ("wireless headphone set", "hours of playback", (180, 320, "grams"), (20, 60), (5, 45)),
                ("robot vacuum", "minutes of cleaning", (3, 5, "kilograms"), (60, 180), (20, 90)),
                ("e-reader", "weeks of battery life", (160, 240, "grams"), (3, 10), (8, 30)),
                ("drone", "minutes of flight time", (240, 900, "grams"), (18, 45), (30, 150))]
COLOURS = ["black", "white", "sage green", "navy blue", "coral", "silver", "sand", "burgundy"]
EVENT_KINDS = [("marathon", "runners"), ("chess open", "players"), ("robotics contest", "teams"),
               ("baking championship", "bakers"), ("film festival", "films"), ("science fair", "schools")]
ORGS = ["the city council", "the local rotary club", "a student association", "the regional sports federation",
        "a group of volunteers", "the public library"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def qa_facts(rng, kind):
    years = sorted(rng.sample(range(1952, 2026), 4))
    d = {"y1": str(years[0]), "y2": str(years[1]), "y3": str(years[2]), "y4": str(years[3]), "p1": person(rng), "p2": person(rng), "month": rng.choice(MONTHS)}
    if d["p1"].split()[1] == d["p2"].split()[1]:
        return None
    d["city"], d["country"] = rng.choice(QA_CITIES)
    if kind == "company":
        pre, suf = rng.choice(CO_PREFIX), rng.choice(CO_SUFFIX)
        d.update(name="%s %s" % (pre, suf), industry=INDUSTRY[suf], product=rng.choice(CO_PRODUCTS[suf]),
                 emp=str(rng.choice([rng.randint(40, 950), rng.randint(1, 48) * 100 + rng.choice([0, 50])])),
                 offices=str(rng.randint(2, 14)), markets=str(rng.randint(3, 40)))
    elif kind == "town":
        d.update(y1=str(rng.randint(1150, 1850)), name=rng.choice(TOWN_A) + rng.choice(TOWN_B), region=rng.choice(REGIONS),
                 river=rng.choice(RIVERS), festival=rng.choice(FESTIVALS), landmark=rng.choice(LANDMARKS),
                 pop=str(rng.randint(2, 60) * 1000 + rng.randint(1, 9) * 100),
                 visitors=str(rng.randint(3, 90) * 1000), km=str(rng.randint(12, 140)))
    elif kind == "gadget":
        t, unit, (w_lo, w_hi, w_unit), (b_lo, b_hi), (p_lo, p_hi) = rng.choice(GADGET_TYPES)
        cols = rng.sample(COLOURS, rng.randint(2, 4))
        d.update(name="%s %d" % (rng.choice(GADGET_NAMES), rng.randint(2, 9)), gtype=t, unit=unit,
                 maker="%s %s" % (rng.choice(CO_PREFIX), rng.choice(["Electronics", "Devices", "Mobility"])),
                 price=rng.choice(["$", "€", "£"]) + str(rng.randint(p_lo, p_hi) * 10 - 1),
                 weight="%d %s" % (rng.randint(w_lo, w_hi), w_unit), battery=str(rng.randint(b_lo, b_hi)),
                 ncol=str(len(cols)),
                 colours=", ".join(cols[:-1]) + " and " + cols[-1], day=str(rng.randint(1, 28)))
    else:  # event
        kind_name, partic = rng.choice(EVENT_KINDS)
        d.update(name="%s %s %s" % (d["y4"], d["city"], kind_name), kind_name=kind_name, partic=partic,
                 org=rng.choice(ORGS), n=str(rng.randint(12, 4800)), day=str(rng.randint(1, 28)),
                 venue=rng.choice(["the old harbour", "the university campus", "the central park",
                                   "the exhibition centre", "the town square"]),
                 money=str(rng.randint(2, 90) * 500), cause=rng.choice(["the children's hospital",
                                                                       "a food bank", "an animal shelter"]))
    if kind == "gadget":
        d["a_gtype"] = ("an " if d["gtype"][0] in "aeiou" else "a ") + d["gtype"]
    d["name_pos"] = d["name"] + ("'" if d["name"].endswith("s") else "'s")
    return d


# kind -> intro sentence (always first) and further sentences; each sentence has (question, [answers]) options.
QA_SPECS = {
    "company": (
        ("{name} is a {industry} company founded in {y1} by {p1}.",
         [("Who founded {name}?", ["{p1}"]), ("When was {name} founded?", ["{y1}", "in {y1}"]),
          ("In what year was {name} founded?", ["{y1}"])]),
        [("The company is headquartered in {city}, {country}.",
          [("Where is {name} headquartered?", ["{city}, {country}", "{city}", "in {city}, {country}"]),
           ("In which country is {name} based?", ["{country}"])]),
         ("It employs {emp} people across {offices} offices.",
          [("How many people does {name} employ?", ["{emp}", "{emp} people"]),
           ("How many offices does {name} have?", ["{offices}"])]),
         ("Its best-known product is {product}, launched in {y2}.",
          [("What is {name_pos} best-known product?", ["{product}"]),
           ("When was {name_pos} best-known product launched?", ["{y2}", "in {y2}"])]),
         ("Since {y3}, the company has been led by {p2}, a former engineer.",
          [("Who leads {name}?", ["{p2}"]), ("Since when has {p2} led the company?", ["{y3}", "Since {y3}"])]),
         ("Today its products are sold in {markets} countries.",
          [("In how many countries are {name_pos} products sold?", ["{markets}", "{markets} countries"])])]),
    "town": (
        ("{name} is a small town in {region}, on the banks of the {river} River.",
         [("Where is {name}?", ["in {region}", "{region}"]),
          ("Which river flows through {name}?", ["the {river} River", "{river} River", "{river}"])]),
        [("It has a population of about {pop}.",
          [("How many people live in {name}?", ["about {pop}", "{pop}"])]),
         ("The town was founded in {y1} as a trading post.",
          [("When was {name} founded?", ["{y1}", "in {y1}"]),
           ("What was {name} founded as?", ["a trading post", "trading post"])]),
         ("Every {month}, it hosts the {festival}, which draws around {visitors} visitors.",
          [("When is the {festival} held in {name}?", ["every {month}", "{month}"]),
           ("How many visitors does the {festival} draw?", ["around {visitors}", "{visitors}"]),
           ("What event does {name} host every {month}?", ["the {festival}", "{festival}"])]),
         ("Its best-known landmark is {landmark}, completed in {y2}.",
          [("What is {name_pos} best-known landmark?", ["{landmark}"]),
           ("When was {name_pos} best-known landmark completed?", ["{y2}", "in {y2}"])]),
         ("The nearest airport is in {city}, {km} kilometres away.",
          [("Where is the nearest airport to {name}?", ["in {city}", "{city}"]),
           ("How far is the nearest airport from {name}?", ["{km} kilometres", "{km} kilometres away"])]),
         ("The current mayor, {p1}, was elected in {y3}.",
          [("Who is the mayor of {name}?", ["{p1}"]), ("When was {p1} elected mayor?", ["{y3}", "in {y3}"])])]),
    "gadget": (
        ("The {name} is {a_gtype} made by {maker}.",
         [("Who makes the {name}?", ["{maker}"]), ("What kind of device is the {name}?", ["{a_gtype}", "{gtype}"])]),
        [("It went on sale on {day} {month} {y4}.",
          [("When did the {name} go on sale?", ["{day} {month} {y4}", "on {day} {month} {y4}"])]),
         ("It costs {price} and weighs {weight}.",
          [("How much does the {name} cost?", ["{price}"]), ("How much does the {name} weigh?", ["{weight}"])]),
         ("A full charge gives up to {battery} {unit}.",
          [("How much does a full charge of the {name} give?", ["up to {battery} {unit}", "{battery} {unit}"])]),
         ("It was designed in {city} by a team led by {p2}.",
          [("Who led the team that designed the {name}?", ["{p2}"]),
           ("Where was the {name} designed?", ["in {city}", "{city}"])]),
         ("The {name} comes in {ncol} colours: {colours}.",
          [("How many colours does the {name} come in?", ["{ncol}", "{ncol} colours"]),
           ("Which colours is the {name} available in?", ["{colours}"])])]),
    "event": (
        ("The {name} took place at {venue} on {day} {month} {y4}.",
         [("When did the {name} take place?", ["{day} {month} {y4}", "on {day} {month} {y4}"]),
          ("Where was the {name} held?", ["at {venue}", "{venue}"])]),
        [("It was organised by {org}.",
          [("Who organised the {name}?", ["{org}"])]),
         ("This year {n} {partic} took part, a record for the event.",
          [("How many {partic} took part in the {name}?", ["{n}", "{n} {partic}"])]),
         ("The top prize went to {p1}, who also won in {y2}.",
          [("Who won the top prize at the {name}?", ["{p1}"]),
           ("In what other year did {p1} win?", ["{y2}", "in {y2}"])]),
         ("The event raised {money} euros for {cause}.",
          [("How much money did the {name} raise?", ["{money} euros"]),
           ("What cause did the {name} raise money for?", ["{cause}"])]),
         ("The first edition was held in {y1}.",
          [("When was the first edition of the event held?", ["{y1}", "in {y1}"])])]),
}
QA_KINDS = ["company", "town", "gadget", "event"]


def qa_row(rng, i):
    kind = QA_KINDS[i % len(QA_KINDS)]
    d = qa_facts(rng, kind)
    if d is None:
        return None
    intro, more = QA_SPECS[kind]
    chosen = sorted(rng.sample(range(len(more)), rng.randint(2, min(5, len(more)))))
    sentences = [intro] + [more[j] for j in chosen]
    target = rng.choice(sentences)
    q, answers = rng.choice(target[1])
    context = " ".join(s[0].format(**d) for s in sentences)
    answers = [a.format(**d) for a in answers]
    answers = [a[0].upper() + a[1:] if a not in context and (a[0].upper() + a[1:]) in context else a
               for a in answers]
    # keep answers that are spans of the context, at most three, without repeats
    out = []
    for a in answers:
        if a in context and a not in out:
            out.append(a)
    if not out:
        return None
    return {"context": context, "question": q.format(**d), "answers": out[:3]}


def make_qa():
    rng = random.Random(QA_SEED)
    rows = make_unique(rng, QA_N, qa_row, lambda r: r["context"].lower(), "qa")
    return split_rows(rng, rows)


# ---------------------------------------------------------------------------------------------------------------
# Math: grade-school word problems, GSM8K format; every number is computed here
# ---------------------------------------------------------------------------------------------------------------

PEOPLE_PRON = [("Anna", "she", "her"), ("Tom", "he", "his"), ("Priya", "she", "her"), ("José", "he", "his"),
               ("Mei", "she", "her"), ("Kwame", "he", "his"), ("Zoë", "she", "her"), ("Ahmed", "he", "his"),
               ("Lucía", "she", "her"), ("Sven", "he", "his"), ("Aisha", "she", "her"), ("Marco", "he", "his"),
               ("Yuki", "she", "her"), ("Dmitri", "he", "his"), ("Hannah", "she", "her"), ("Omar", "he", "his")]
SHOP_ITEMS = [("notebook", "notebooks"), ("pen", "pens"), ("apple", "apples"), ("sandwich", "sandwiches"),
              ("comic book", "comic books"), ("candle", "candles"), ("bag of rice", "bags of rice"),
              ("plant pot", "plant pots"), ("juice box", "juice boxes"), ("ball of yarn", "balls of yarn")]
SALE_ITEMS = ["jacket", "bicycle", "lamp", "pair of boots", "backpack", "guitar", "tent", "desk chair", "printer",
              "television"]
SHARE_ITEMS = [("cookies", "baked"), ("stickers", "bought"), ("marbles", "collected"), ("cupcakes", "made"),
               ("seashells", "found"), ("trading cards", "has")]
VEHICLES = [("A train", "it"), ("A cyclist", "she"), ("A delivery van", "it"), ("A bus", "it"),
            ("A truck driver", "he")]


def eq(a, op, b, r):
    """One GSM8K calculator annotation."""
    sym = {"+": "+", "-": "-", "*": "*", "/": "/"}[op]
    return "%s %s %s = <<%s%s%s=%s>>%s" % (a, sym, b, a, sym, b, r, r)


def math_shopping(rng):
    name, sub, pos = rng.choice(PEOPLE_PRON)
    (s1, p1n), (s2, p2n) = rng.sample(SHOP_ITEMS, 2)
    a, b = rng.randint(2, 9), rng.randint(2, 12)
    p, q = rng.randint(2, 15), rng.randint(1, 9)
    x, y = a * p, b * q
    z = x + y
    bill = next(v for v in (20, 50, 100, 200, 500) if v > z)
    c = bill - z
    question = ("%s buys %d %s for $%d each and %d %s for $%d each. %s pays with a $%d bill. How much change, "
                "in dollars, does %s get back?" % (name, a, p1n, p, b, p2n, q, sub.capitalize(), bill, sub))
    steps = ["The %s cost %s dollars." % (p1n, eq(a, "*", p, x)),
             "The %s cost %s dollars." % (p2n, eq(b, "*", q, y)),
             "Altogether %s spends %s dollars." % (sub, eq(x, "+", y, z)),
             "So %s gets %s dollars back." % (sub, eq(bill, "-", z, c))]
    return question, steps, c


def math_speed(rng):
    who, sub = rng.choice(VEHICLES)
    v1, t1 = rng.randint(8, 95), rng.randint(2, 6)
    v2, t2 = rng.randint(8, 95), rng.randint(1, 5)
    d1, d2 = v1 * t1, v2 * t2
    total = d1 + d2
    if rng.random() < 0.5:
        question = ("%s travels at %d kilometres per hour for %d hours, then at %d kilometres per hour for %d "
                    "hours. How many kilometres does %s travel in total?" % (who, v1, t1, v2, t2, sub))
        steps = ["In the first part %s travels %s kilometres." % (sub, eq(v1, "*", t1, d1)),
                 "In the second part %s travels %s kilometres." % (sub, eq(v2, "*", t2, d2)),
                 "In total that is %s kilometres." % eq(d1, "+", d2, total)]
        return question, steps, total
    days = rng.randint(3, 14)
    grand = d1 * days
    question = ("%s travels at %d kilometres per hour for %d hours every day. How many kilometres does %s "
                "travel in %d days?" % (who, v1, t1, sub, days))
    steps = ["Each day %s travels %s kilometres." % (sub, eq(v1, "*", t1, d1)),
             "In %d days %s travels %s kilometres." % (days, sub, eq(d1, "*", days, grand))]
    return question, steps, grand


def math_sharing(rng):
    name, sub, pos = rng.choice(PEOPLE_PRON)
    item, verb = rng.choice(SHARE_ITEMS)
    friends = rng.randint(2, 9)
    each = rng.randint(3, 25)
    keep = rng.randint(2, 15)
    total = friends * each + keep
    question = ("%s %s %d %s. %s keeps %d for %s and shares the rest equally among %d friends. How many "
                "%s does each friend get?" % (name, verb, total, item, sub.capitalize(), keep,
                                              "herself" if sub == "she" else "himself", friends, item))
    rest = total - keep
    steps = ["After keeping %d, %s has %s %s left." % (keep, sub, eq(total, "-", keep, rest), item),
             "Each friend gets %s %s." % (eq(rest, "/", friends, each), item)]
    return question, steps, each


def math_percent(rng):
    item = rng.choice(SALE_ITEMS)
    while True:
        pct = rng.choice([10, 15, 20, 25, 30, 40, 50, 60, 75])
        price = rng.randint(4, 300) * rng.choice([4, 5, 10, 20])
        if price * pct % 100 == 0:
            break
    disc = price * pct // 100
    sale = price - disc
    if rng.random() < 0.6:
        question = ("A %s costs $%d. The shop offers %d%% off. What is the sale price of the %s in dollars?"
                    % (item, price, pct, item))
        steps = ["The discount is %d%% of $%d, which is %d * %d / 100 = <<%d*%d/100=%d>>%d dollars."
                 % (pct, price, price, pct, price, pct, disc, disc),
                 "The sale price is %s dollars." % eq(price, "-", disc, sale)]
        return question, steps, sale
    n = rng.randint(2, 6)
    total = sale * n
    question = ("A %s normally costs $%d, but this week it is %d%% off. A school buys %d of them. How many "
                "dollars does the school pay?" % (item, price, pct, n))
    steps = ["The discount is %d * %d / 100 = <<%d*%d/100=%d>>%d dollars." % (price, pct, price, pct, disc, disc),
             "Each one costs %s dollars." % eq(price, "-", disc, sale),
             "For %d of them the school pays %s dollars." % (n, eq(sale, "*", n, total))]
    return question, steps, total


def math_units(rng):
    name, sub, pos = rng.choice(PEOPLE_PRON)
    kind = rng.choice(["ribbon", "films", "water", "laps"])
    if kind == "ribbon":
        piece = rng.choice([5, 10, 20, 25, 40, 50])
        metres = rng.randint(2, 30)
        cm = metres * 100
        if cm % piece:
            return None
        n = cm // piece
        question = ("%s has a ribbon that is %d metres long. %s cuts it into pieces that are each %d centimetres "
                    "long. How many pieces does %s get?" % (name, metres, sub.capitalize(), piece, sub))
        steps = ["The ribbon is %s centimetres long." % eq(metres, "*", 100, cm),
                 "So %s gets %s pieces." % (sub, eq(cm, "/", piece, n))]
        return question, steps, n
    if kind == "films":
        k, h, m = rng.randint(2, 6), rng.randint(1, 2), rng.choice([5, 10, 15, 20, 25, 30, 35, 40, 45, 50])
        hm = h * 60
        each = hm + m
        total = each * k
        question = ("%s watches %d films in a row. Each film is %d hour%s and %d minutes long. How many minutes "
                    "does %s spend watching films?" % (name, k, h, "" if h == 1 else "s", m, sub))
        steps = ["%d hour%s is %s minutes." % (h, "" if h == 1 else "s", eq(h, "*", 60, hm)),
                 "Each film lasts %s minutes." % eq(hm, "+", m, each),
                 "All %d films last %s minutes." % (k, eq(each, "*", k, total))]
        return question, steps, total
    if kind == "water":
        ml = rng.choice([250, 500, 750])
        bottles = rng.randint(2, 8)
        days = rng.randint(2, 14)
        day_ml = ml * bottles
        total = day_ml * days
        question = ("%s drinks %d bottles of water a day, and each bottle holds %d millilitres. How many "
                    "millilitres of water does %s drink in %d days?" % (name, bottles, ml, sub, days))
        steps = ["Each day %s drinks %s millilitres." % (sub, eq(bottles, "*", ml, day_ml)),
                 "In %d days that is %s millilitres." % (days, eq(day_ml, "*", days, total))]
        return question, steps, total
    track = rng.choice([200, 250, 400, 500])
    laps = rng.randint(3, 12)
    days = rng.randint(2, 10)
    daily = track * laps
    total = daily * days
    question = ("%s runs %d laps of a %d-metre track every day for %d days. How many metres does %s run "
                "altogether?" % (name, laps, track, days, sub))
    steps = ["Each day %s runs %s metres." % (sub, eq(laps, "*", track, daily)),
             "In %d days %s runs %s metres." % (days, sub, eq(daily, "*", days, total))]
    return question, steps, total


def math_production(rng):
    what = rng.choice(["bottles", "loaves of bread", "toy cars", "boxes", "jars of jam", "bricks"])
    per_hour = rng.randint(12, 240)
    hours = rng.randint(4, 12)
    days = rng.randint(2, 7)
    daily = per_hour * hours
    total = daily * days
    steps = ["Each day the factory makes %s %s." % (eq(per_hour, "*", hours, daily), what),
             "In %d days it makes %s %s." % (days, eq(daily, "*", days, total), what)]
    if rng.random() < 0.6:
        question = ("A factory makes %d %s per hour and runs for %d hours a day. How many %s does it make in "
                    "%d days?" % (per_hour, what, hours, what, days))
        return question, steps, total
    shipped = rng.randint(1, total // 100) * 50
    left = total - shipped
    question = ("A factory makes %d %s per hour and runs for %d hours a day. After %d days, %d of them have been "
                "shipped. How many are still at the factory?" % (per_hour, what, hours, days, shipped))
    steps.append("After shipping, %s are still at the factory." % eq(total, "-", shipped, left))
    return question, steps, left


def math_tickets(rng):
    adult_p, child_p = rng.randint(6, 25), rng.randint(2, 12)
    if child_p >= adult_p:
        child_p = adult_p // 2
    a, c = rng.randint(20, 180), rng.randint(15, 220)
    x, y = a * adult_p, c * child_p
    total = x + y
    event = rng.choice(["school play", "charity concert", "science show", "football match", "puppet show"])
    question = ("The %s sold %d adult tickets at $%d each and %d child tickets at $%d each. How many dollars did "
                "the tickets bring in?" % (event, a, adult_p, c, child_p))
    steps = ["Adult tickets brought in %s dollars." % eq(a, "*", adult_p, x),
             "Child tickets brought in %s dollars." % eq(c, "*", child_p, y),
             "Together that is %s dollars." % eq(x, "+", y, total)]
    return question, steps, total


def math_group_percent(rng):
    while True:
        n = rng.randint(8, 120) * 10
        pct = rng.choice([10, 20, 25, 30, 40, 45, 60, 75, 80])
        if n * pct % 100 == 0:
            break
    part = n * pct // 100
    rest = n - part
    place, who, doing = rng.choice([("school", "students", "walk to school"),
                                    ("company", "employees", "work from home on Fridays"),
                                    ("village", "households", "have a vegetable garden"),
                                    ("library", "members", "borrow e-books")])
    question = ("A %s has %d %s, and %d%% of them %s. How many of the %s do not?" % (place, n, who, pct, doing, who))
    steps = ["%d%% of %d is %d * %d / 100 = <<%d*%d/100=%d>>%d %s." % (pct, n, n, pct, n, pct, part, part, who),
             "So %s %s do not." % (eq(n, "-", part, rest), who)]
    return question, steps, rest


MATH_KINDS = [("shopping", math_shopping), ("speed_time", math_speed), ("sharing", math_sharing),
              ("percentage", math_percent), ("unit_conversion", math_units), ("production", math_production),
              ("tickets", math_tickets), ("group_percentage", math_group_percent)]


def math_row(rng, i):
    _, fn = MATH_KINDS[i % len(MATH_KINDS)]
    made = fn(rng)
    if made is None:
        return None
    question, steps, result = made
    return {"question": question, "answer": "\n".join(steps) + "\n#### %d" % result}


def make_math():
    rng = random.Random(MATH_SEED)
    rows = make_unique(rng, MATH_N, math_row, lambda r: r["question"].lower(), "math")
    return split_rows(rng, rows)


def math_recompute(answer):
    """Re-evaluate every <<expr=value>> annotation; return (ok, last value, final #### number)."""
    lines = answer.split("\n")
    m = re.fullmatch(r"#### (-?[0-9]+)", lines[-1])
    if not m:
        return False, None, None
    last = None
    for expr, value in re.findall(r"<<([0-9+\-*/ ()]+)=(-?[0-9]+)>>", answer):
        got = eval(expr, {"__builtins__": {}}, {})  # noqa: S307 - expr matched digits and operators only
        if got != int(value):
            return False, got, int(m.group(1))
        last = got
    return last is not None and last == int(m.group(1)), last, int(m.group(1))


# ---------------------------------------------------------------------------------------------------------------
# Summarisation: short news items, support tickets and meeting notes with a faithful 1-2 sentence summary
# ---------------------------------------------------------------------------------------------------------------

PROJECTS = [("footbridge over the river", "the footbridge"), ("public library", "the library"),
            ("network of protected cycle lanes", "the network"), ("indoor swimming pool", "the pool"),
            ("community solar farm", "the solar farm"), ("bus station", "the bus station"),
            ("youth sports centre", "the sports centre")]
ISSUES = [("their {gadget}", "stopped syncing with the mobile app",
           "an expired security certificate on the sync server",
           "renewed the certificate and asked the customer to restart the app"),
          ("they", "were charged for {a_plan} that had already been cancelled",
           "a cancellation that was not saved during a billing system outage",
           "refunded the charge and confirmed the cancellation"),
          ("they", "could not log in after a password reset", "a reset link that had expired",
           "sent a new reset link and stayed on the chat until the customer was signed in"),
          ("the tracking page for their {product}", "showed the wrong delivery date",
           "a time-zone bug in the tracking page",
           "confirmed the correct date with the courier and reported the bug to engineering"),
          ("their {gadget}", "kept disconnecting from the home Wi-Fi", "an outdated firmware version",
           "walked the customer through a firmware update")]
TEAMS = ["marketing", "mobile app", "finance", "customer support", "warehouse", "design", "data platform"]
DECISIONS = [("move the product launch from {m1} to {m2}", "the launch date"),
             ("switch the team's weekly stand-up to Tuesday mornings", "the stand-up schedule"),
             ("hire two more contractors for the busy season", "hiring"),
             ("stop supporting the old web checkout at the end of {m2}", "the old checkout"),
             ("run a two-week pilot of the new ticketing tool", "the ticketing tool"),
             ("cut the travel budget by 15 percent for the rest of the year", "the travel budget")]
MEETING_ACTIONS = ["draft a plan", "prepare a cost estimate", "write to the affected customers",
           "update the project timeline", "book a follow-up meeting with the vendor", "collect feedback from the team"]


def sum_news(rng):
    town = rng.choice(TOWN_A) + rng.choice(TOWN_B)
    proj, short = rng.choice(PROJECTS)
    cost = "%d.%d million euros" % (rng.randint(1, 40), rng.randint(1, 9))
    yes = rng.randint(12, 25)
    no = rng.randint(2, yes - 3)
    year = rng.randint(2027, 2031)
    official = person(rng)
    critic = person(rng)
    d = dict(town=town, proj=proj, short=short, cost=cost, yes=yes, no=no, year=year, official=official,
             critic=critic, months=rng.randint(10, 30), jobs=rng.randint(20, 160), day=rng.choice(
                 ["Monday", "Tuesday", "Wednesday", "Thursday"]))
    must = ["{town} council on {day} approved plans for a new {proj}, <which will cost|at a cost of> {cost}.",
            "The proposal passed by {yes} votes to {no} after <a long|a three-hour|a heated> debate.",
            "Construction <is expected to|should> take about {months} months, and {short} is due to open in "
            "{year}."]
    extra = ["\"This is an investment in the next generation,\" said {official}, who <chairs|leads> the planning "
             "committee.",
             "Opponents, led by councillor {critic}, argued that the money would be better spent on repairing "
             "existing roads.",
             "The council says the project will create around {jobs} jobs during construction.",
             "Part of the cost will be covered by a regional development grant, with the rest coming from the "
             "council's capital budget.",
             "Residents will be invited to comment on the final design at public meetings <next month|in the "
             "spring|over the summer>.",
             "A similar plan was rejected <two|three|four> years ago because of concerns about traffic.",
             "Local businesses near the site have <mostly welcomed|broadly supported> the decision."]
    summary = ["{town} council voted {yes} to {no} to approve a new {proj} costing {cost}, due to open in "
               "{year}."]
    return d, must, extra, summary, ["Opponents, led by councillor {critic}",
                                     "Despite objections from councillor {critic}, who wanted the money spent on "
                                     "road repairs, the project is expected to take about {months} months."]


def sum_ticket(rng):
    name = person(rng)
    subj, issue, cause, fix = rng.choice(ISSUES)
    d = dict(name=name, first=name.split()[0], cause=cause, fix=fix, gadget=rng.choice(SLOTS["gadget"]),
             plan=rng.choice(SLOTS["plan"]), product=rng.choice(SLOTS["product"]),
             ticket=rng.randint(10000, 99999), agent=rng.choice(FIRST_NAMES), days=rng.randint(2, 9),
             device=rng.choice(SLOTS["device"]))
    d["a_plan"] = ("an " if d["plan"][0] in "aeiou" else "a ") + d["plan"]
    d["subj"] = subj.format(**d)
    d["issue"] = issue.format(**d)
    if d["agent"] == d["first"]:
        return None
    must = ["Ticket #{ticket}. Customer {name} <wrote in|contacted support> because {subj} {issue}.",
            "The agent, {agent}, found that the cause was {cause}.",
            "{agent} {fix}, and the customer confirmed that the problem was solved."]
    extra = ["The customer said the problem had started {days} days earlier.",
             "{first} had already tried signing out and back in on their {device}, without success.",
             "The customer was polite but said they were frustrated <at the delay|that it took so long>.",
             "Before escalating, {agent} checked the account history and found no earlier tickets.",
             "The conversation took place over <live chat|email|the phone> and lasted about "
             "<twenty|thirty|forty-five> minutes.",
             "{agent} added a note to the account so that other agents can see what was done.",
             "As a goodwill gesture, the customer was offered <a month of free service|a 10 percent voucher>.",
             "The ticket was closed with a satisfaction rating of <4|5> out of 5."]
    summary = ["{name} reported that {subj} {issue}; the cause was {cause}, and the agent {fix}."]
    return d, must, extra, summary, None


def sum_meeting(rng):
    team = rng.choice(TEAMS)
    m1, m2 = rng.sample(MONTHS[:11], 2)
    dec, topic = rng.choice(DECISIONS)
    owner = person(rng)
    chair = person(rng)
    d = dict(team=team, m1=m1, m2=m2, topic=topic, owner=owner, chair=chair, owner_first=owner.split()[0],
             action=rng.choice(MEETING_ACTIONS), day=rng.randint(1, 28), month=rng.choice(MONTHS),
             n=rng.randint(4, 11))
    d["decision"] = dec.format(**d)
    if d["owner"].split()[0] == d["chair"].split()[0]:
        return None
    must = ["Notes from the {team} team meeting on {day} {month}, chaired by {chair}, with {n} people present.",
            "After discussing {topic}, the team agreed to {decision}.",
            "Action item: {owner} will {action} <before the next meeting|by the end of the week|within two "
            "weeks>."]
    extra = ["The meeting opened with a short review of last month's figures, which were <slightly above|in "
             "line with|a little below> target.",
             "Several people raised concerns about workload, and {chair} promised to look into it.",
             "There was no agreement yet on the budget for the next quarter, so it will come back at the next "
             "meeting.",
             "{owner} noted that two customers had asked about the change in recent weeks.",
             "The team also welcomed a new colleague who joined on Monday.",
             "Questions that could not be answered were collected in the shared document.",
             "The meeting ended ten minutes early."]
    summary = ["At its {day} {month} meeting, the {team} team agreed to {decision}, and {owner} will {action}."]
    return d, must, extra, summary, None


SUM_KINDS = [sum_news, sum_ticket, sum_meeting]


def word_count(text):
    return len(text.split())


def sum_row(rng, i):
    made = SUM_KINDS[i % len(SUM_KINDS)](rng)
    if made is None:
        return None
    d, must, extra, summary, second = made
    n_extra = rng.randint(2, min(6, len(extra)))
    picked = sorted(rng.sample(range(len(extra)), n_extra))
    sentences = [render(rng, s, d) for s in must]
    extras = [render(rng, extra[j], d) for j in picked]
    # the required sentences keep their order (first one first); extras go at random places after the first
    rng.shuffle(extras)
    body = sentences[1:]
    tail = []
    for e in extras:
        if e.startswith(("The ticket was closed", "The meeting ended", "As a goodwill gesture")):
            tail.append(e)      # these only make sense once the problem is solved / at the end
        else:
            body.insert(rng.randint(0, len(body)), e)
    doc = " ".join([sentences[0]] + body + tail)
    summ = render(rng, summary[0], d)
    # the news summary gets a second sentence only when the document mentions the critic
    if second is not None and second[0].format(**d) in doc and rng.random() < 0.6:
        summ += " " + render(rng, second[1], d)
    if not 80 <= word_count(doc) <= 200 or word_count(summ) >= word_count(doc):
        return None
    return {"document": doc, "summary": summ}


def make_summarisation():
    rng = random.Random(SUM_SEED)
    rows = make_unique(rng, SUM_N, sum_row, lambda r: r["document"].lower(), "summarisation")
    return split_rows(rng, rows)


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
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")[:-1]
    valid = 0
    for line in lines:
        try:
            row = json.loads(line.decode("utf-8"), object_pairs_hook=_refuse_duplicate_keys)
            if isinstance(row.get("text"), str) and row["text"].strip() and row.get("label") in CS_LABELS:
                valid += 1
        except (UnicodeDecodeError, ValueError):
            pass
    print("\nbad-rows-example.jsonl: %d lines, %d of them valid (expected 0)" % (len(lines), valid))
    return ok and valid == 0


def _refuse_duplicate_keys(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)


def _sentences(text):
    return len(re.findall(r"[.!?](?:\s|$)", text))


def _check_conversation(row):
    assert set(row) == {"messages", "reference"}, "fields"
    msgs = row["messages"]
    assert isinstance(msgs, list) and 2 <= len(msgs) <= 6, "2 to 6 messages"
    for j, m in enumerate(msgs):
        assert isinstance(m, dict) and set(m) == {"role", "content"}, "message fields"
        assert m["role"] in ("user", "assistant"), "role"
        assert isinstance(m["content"], str) and m["content"].strip(), "content"
        if j:
            assert m["role"] != msgs[j - 1]["role"], "roles alternate"
    assert msgs[-1]["role"] == "user", "last message is a user turn"
    assert isinstance(row["reference"], str) and row["reference"].strip(), "reference"
    return "%d messages" % len(msgs)


def _check_qa(row):
    assert set(row) == {"context", "question", "answers"}, "fields"
    assert all(isinstance(row[k], str) and row[k].strip() for k in ("context", "question")), "text"
    assert 3 <= _sentences(row["context"]) <= 6, "3-6 sentences"
    answers = row["answers"]
    assert isinstance(answers, list) and 1 <= len(answers) <= 3, "1-3 answers"
    assert len(set(answers)) == len(answers), "repeated answer"
    for a in answers:
        assert isinstance(a, str) and a.strip(), "answer text"
        assert a in row["context"], "answer %r is not a span of the context" % a
    first = row["question"].split()[0].lower()
    return "how many/much/far" if first == "how" else first


def _check_math(row):
    assert set(row) == {"question", "answer"}, "fields"
    assert all(isinstance(row[k], str) and row[k].strip() for k in ("question", "answer")), "text"
    ok, last, final = math_recompute(row["answer"])
    assert ok, "final answer %r does not match the recomputed %r" % (final, last)
    steps = len(row["answer"].split("\n")) - 1
    assert 1 <= steps <= 4, "1-4 steps"
    return "%d steps" % steps, final > 1000


def _check_summarisation(row):
    assert set(row) == {"document", "summary"}, "fields"
    assert all(isinstance(row[k], str) and row[k].strip() for k in ("document", "summary")), "text"
    assert 80 <= word_count(row["document"]) <= 200, "document of 80-200 words"
    assert word_count(row["summary"]) < word_count(row["document"]), "summary shorter than document"
    assert len(row["summary"]) < len(row["document"]), "summary shorter than document"
    assert 1 <= _sentences(row["summary"]) <= 2, "1-2 sentence summary"
    return "%d-sentence summary" % _sentences(row["summary"])


GENERATIVE_SPECS = [
    ("conversation", _check_conversation, lambda r: json.dumps(r, ensure_ascii=False, sort_keys=True).lower()),
    ("qa", _check_qa, lambda r: r["context"].strip().lower()),
    ("math", _check_math, lambda r: r["question"].strip().lower()),
    ("summarisation", _check_summarisation, lambda r: r["document"].strip().lower()),
]


def check_generative():
    """Validate the conversation, qa, math and summarisation sets; print a Markdown table. Returns ok."""
    ok = True
    table = []
    notes = []
    for name, validate, key in GENERATIVE_SPECS:
        counts = {}
        kinds = {}
        keys = {}
        bad = dup_within = dup_across = big = 0
        words = []
        for split in SPLITS:
            path = os.path.join(HERE, name, split + ".jsonl")
            local = {}
            with open(path, "rb") as f:
                raw = f.read().decode("utf-8")
            for lineno, line in enumerate(raw.split("\n")[:-1], 1):
                try:
                    row = json.loads(line)
                    assert isinstance(row, dict), "not an object"
                    kind = validate(row)
                    if isinstance(kind, tuple):
                        big += kind[1]
                        kind = kind[0]
                except Exception as e:  # noqa: BLE001 - report any failure
                    print("BAD %s/%s line %d: %s" % (name, split, lineno, e))
                    bad += 1
                    continue
                counts[split] = counts.get(split, 0) + 1
                kinds[kind] = kinds.get(kind, 0) + 1
                if name == "summarisation":
                    words.append((word_count(row["document"]), word_count(row["summary"])))
                k = key(row)
                if k in local:
                    dup_within += 1
                elif k in keys:
                    dup_across += 1
                local[k] = True
            for k in local:
                keys[k] = split
        vals = [counts.get(s, 0) for s in SPLITS]
        table.append("| `%s/` | %s | **%d** | %d | %d | %d |" % (name, " | ".join(str(v) for v in vals), sum(vals),
                                                                  bad, dup_within, dup_across))
        detail = ", ".join("%s: %d" % (k, kinds[k]) for k in sorted(kinds))
        if name == "math":
            detail += "; final answers above 1000: %d" % big
        if words:
            detail += "; document words %d-%d (mean %d), summary words %d-%d (mean %d)" % (
                min(w[0] for w in words), max(w[0] for w in words), sum(w[0] for w in words) // len(words),
                min(w[1] for w in words), max(w[1] for w in words), sum(w[1] for w in words) // len(words))
        notes.append("- `%s`: %s" % (name, detail))
        ok = ok and bad == 0 and dup_within == 0 and dup_across == 0 and sum(vals) >= 300 \
            and all(v > 0 for v in vals)
    print("\n### conversation, qa, math, summarisation\n")
    print("| set | " + " | ".join(SPLITS) + " | total | bad lines | duplicates within a split | across splits |")
    print("|---|" + "---:|" * (len(SPLITS) + 4))
    print("\n".join(table))
    print()
    print("\n".join(notes))
    return ok


def main():
    if "--check" not in sys.argv[1:]:
        cs = make_customer_support()
        for split in SPLITS:
            write_jsonl(os.path.join(HERE, "customer-support", split + ".jsonl"), cs[split])
        with open(os.path.join(HERE, "customer-support", "bad-rows-example.jsonl"), "wb") as f:
            f.write(b"\n".join(BAD_ROWS) + b"\n")
        nli, strategies = make_nli()
        for split in SPLITS:
            write_jsonl(os.path.join(HERE, "nli", split + ".jsonl"), nli[split])
        print("NLI construction strategies (label / strategy / pairs):")
        for (label, strategy) in sorted(strategies):
            print("  %-13s %-22s %d" % (label, strategy, strategies[(label, strategy)]))
        for name, make in (("conversation", make_conversation), ("qa", make_qa), ("math", make_math),
                           ("summarisation", make_summarisation)):
            rows = make()
            for split in SPLITS:
                write_jsonl(os.path.join(HERE, name, split + ".jsonl"), rows[split])
    ok = check()
    ok = check_generative() and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
