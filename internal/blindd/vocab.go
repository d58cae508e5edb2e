package blindd

// Every list is split by index: Tune draws even entries, Held odd ones.

var latGivenM = []string{"DAUREN", "NURLAN", "YERLAN", "TIMUR", "ARMAN", "SERGEY", "DMITRIY", "KAIRAT", "ASKAR", "MARAT", "ANDREY", "BAUYRZHAN", "JOHN", "DANIYAR"}
var latGivenF = []string{"AIGERIM", "ASEL", "DINARA", "MADINA", "ZHANNA", "SVETLANA", "OLGA", "ALIYA", "GULNARA", "ELENA", "SAULE", "KAMILA", "MARIA", "INDIRA"}

// latSurname entries are masculine; a woman's surname ending in V adds "A".
var latSurname = []string{"ISKAKOV", "SMAGULOV", "ZHUMABEKOV", "SULEIMENOV", "BEKOV", "KASYMOV", "ORAZBAYEV", "YESSENOV", "TOKAYEV", "KUZNETSOV", "PETROV", "AKHMETOV", "OMAROV", "IVANOV", "SARSENOV", "MOROZOV", "SMITH", "KIM", "GARCIA", "LI"}
var cyrGivenM = []string{"Даурен", "Нурлан", "Ерлан", "Тимур", "Арман", "Сергей", "Дмитрий", "Кайрат"}
var cyrGivenF = []string{"Айгерим", "Асель", "Динара", "Мадина", "Жанна", "Светлана", "Ольга", "Алия"}

// cyrSurname entries are masculine; a woman's surname adds "а".
var cyrSurname = []string{"Искаков", "Смагулов", "Жумабеков", "Сулейменов", "Касымов", "Оразбаев", "Есенов", "Кузнецов", "Петров", "Иванов", "Ахметов", "Омаров"}

var panKeys = []string{"card_number", "pan", "cardNumber", "number", "cc_number", "card_no", "primary_account_number", "ccnum", "card_pan", "CardNumber", "cardNo", "account_number", "pan_value", "creditCardNumber"}
var expKeys = []string{"exp", "expiry", "expiry_date", "expDate", "card_exp", "valid_thru", "expiration", "cc_exp", "exp_date", "expires", "cardExpiry", "validity", "expiration_date", "ExpiryDate"}
var cvvKeys = []string{"cvv", "cvc", "cvv2", "cvc2", "cid", "cav2", "security_code", "card_code", "cvvCode", "csc", "securityCode", "card_cvc", "cvn", "verification_value"}
var holderKeys = []string{"holder", "cardholder_name", "card_holder", "name_on_card", "cardholder", "embossed_name", "holderName", "nameOnCard", "holder_name", "CardholderName"}

// spoken phrases before the value in call transcripts.
var ruPan = []string{"номер карты", "номер моей карты", "карта номер", "цифры на карте", "номер карточки такой:", "мой номер карты"}
var ruExp = []string{"срок действия", "действует до", "срок до", "годна до", "срок действия карты", "на карте написано действует до"}
var ruCVV = []string{"три цифры на обороте", "код безопасности", "CVV-код", "код CVC", "трёхзначный код сзади", "код на обратной стороне", "CVV2", "код CVC2 с обратной стороны"}
var kkPan = []string{"карта нөмірі", "картамның нөмірі", "карточка нөмірі", "менің картамның нөмірі"}
var kkExp = []string{"жарамдылық мерзімі", "мерзімі", "карта жарамды мерзімі", "әрекет ету мерзімі"}
var kkCVV = []string{"артқы жағындағы код", "артқы жағындағы үш сан", "CVV коды", "қауіпсіздік коды", "CVC коды", "артқы бетіндегі код"}
var enPan = []string{"my card number is", "the long number is", "card number", "the number on the card is", "the card is", "my visa number is"}
var enExp = []string{"it expires", "expiry date is", "valid thru", "good through", "expiration is", "exp date"}
var enCVV = []string{"the three digits on the back are", "security code is", "CVV is", "the CVC on the back says", "the code on the back is", "CVV2 is", "the CID is", "card security code"}

var shops = []string{"Technodom", "Sulpak", "Kaspi Shop", "Magnum", "Arbuz", "Chocofood", "Aviata", "Kolesa", "Meloman", "Small"}
var apps = []string{"kz.shop.android", "kz.pay.ios", "com.merchant.wallet", "kz.taxi.driver", "kz.food.app", "com.tickets.kz"}
var agents = []string{"op-112", "agent_ainur", "op-207", "agent_max", "op-031", "agent_zh"}
var currencies = []string{"KZT", "398", "RUB", "643", "USD", "840"}
