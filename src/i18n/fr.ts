import type { en, MessageKey } from './en'
import type { FrenchPlural } from './plural'

// French catalog: the same keys as en.ts, and plural forms where en.ts has them (the type refuses a
// missing or extra key, or a plain string for a plural message). Typography, checked by the catalog
// test: the apostrophe is ’ (U+2019); a no-break space (U+00A0) goes before : ; ? ! and inside
// « »; "de {product}" is written as such and the translator elides it ("d’Analyses").
type French<M> = M extends string ? string : FrenchPlural

export const fr: { [K in MessageKey]: French<(typeof en)[K]> } = {
  'app.name': 'Selfserve',
  'layout.skipLink': 'Aller au contenu principal',
  'layout.menu': 'Menu',
  'layout.primaryNav': 'Principale',
  'layout.signedInAs': 'Connecté·e en tant que {name}',
  'layout.signOut': 'Se déconnecter',
  'layout.language': 'Langue',
  'layout.switchTo': 'English',
  'layout.switchToLang': 'en',
  'layout.footer': 'Selfserve — portail d’achats et de licences en libre-service',
  'layout.errorTitlePrefix': 'Erreur : {title}',
  'layout.loading': 'Chargement…',
  'layout.close': 'Fermer',
  'nav.products': 'Vos produits',
  'nav.licenses': 'Licences',
  'nav.billing': 'Factures et paiements',
  'nav.accounts': 'Comptes de facturation',
  'nav.purchase': 'Acheter des services',
  'nav.help': 'Aide',
  'nav.admin': 'Administration',

  'errors.summaryTitle': 'Il y a un problème',
  'errors.notFound.title': 'Page introuvable',
  'errors.notFound.body': 'La page demandée n’existe pas, ou vous n’y avez pas accès.',
  'errors.forbidden.title': 'Votre demande n’a pas pu être vérifiée',
  'errors.forbidden.body':
    'Le formulaire avait expiré ou ne venait pas de ce site. Revenez en arrière, rechargez la page et réessayez.',
  'errors.server.title': 'Une erreur est survenue',
  'errors.server.body':
    'Rien n’a été modifié. Réessayez dans un instant. Si le problème persiste, donnez cette référence au ' +
    'support : {requestId}.',
  'errors.tooLarge.title': 'Demande trop volumineuse',
  'errors.tooLarge.body': 'Ce que vous avez envoyé dépasse la taille acceptée. Raccourcissez-le et réessayez.',
  'errors.unsupportedMediaType.title': 'La demande n’était pas un formulaire',
  'errors.unsupportedMediaType.body':
    'Seuls les formulaires de ce site sont acceptés ici. Rien n’a été modifié. Rechargez la page et réessayez.',
  'errors.unavailable.title': 'Service momentanément indisponible',
  'errors.unavailable.body':
    'Notre base de données est injoignable pour le moment. Rien n’a été débité. Réessayez dans une minute. ' +
    'Si le problème persiste, donnez cette référence au support : {requestId}.',
  'errors.chargeUnsettled.title': 'Votre paiement est en cours de vérification',
  'errors.chargeUnsettled.body':
    'Votre carte a peut-être été débitée, mais nous n’avons pas encore pu enregistrer le paiement. D’ici ' +
    'quelques minutes, il sera soit enregistré, soit remboursé automatiquement. Ne payez pas une seconde fois. ' +
    'Référence : {requestId}.',
  'errors.backHome': 'Aller à Vos produits',
  'errors.comingSoon.title': '{page}',
  'errors.comingSoon.body': 'Cette partie du portail n’est pas encore disponible.',

  'login.title': 'Se connecter',
  'login.intro': 'Connectez-vous avec votre adresse professionnelle pour gérer vos achats en libre-service.',
  'login.email': 'Adresse e-mail',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.emailRequired': 'Saisissez votre adresse e-mail',
  'login.emailInvalid': 'Saisissez une adresse e-mail du type nom@exemple.fr',
  'login.passwordRequired': 'Saisissez votre mot de passe',
  'login.failed': 'L’adresse e-mail ou le mot de passe est incorrect.',
  'login.rateLimited': 'Trop de tentatives de connexion. Attendez une minute, puis réessayez.',
  'login.signedOut': 'Vous êtes déconnecté·e.',

  'products.title': 'Vos produits',
  'products.tabsLabel': 'Listes de produits',
  'products.tab.products': 'Produits',
  'products.tab.trials': 'Essais en libre-service',
  'products.filter.legend': 'Filtrer',
  'products.filter.scope': 'Afficher',
  'products.filter.scope.self_service': 'Achats en libre-service',
  'products.filter.scope.all': 'Tous les produits',
  'products.filter.status': 'État',
  'products.filter.status.any': 'Tous les états',
  'products.filter.apply': 'Appliquer le filtre',
  'products.col.product': 'Produit',
  'products.col.licenses': 'Licences (attribuées / total)',
  'products.col.status': 'État',
  'products.col.date': 'Date de renouvellement ou d’expiration',
  'products.col.price': 'Prix par licence',
  'products.licensesValue': '{assigned} sur {total}',
  'products.caption': 'Vos abonnements',
  'products.count': {
    one: '{count} abonnement',
    other: '{count} abonnements',
    many: '{count} d’abonnements',
  },
  'products.empty': 'Vous n’avez encore aucun abonnement ici.',
  'products.emptyTrials': 'Vous n’avez aucun essai en libre-service.',
  'products.emptyLink': 'Parcourir Acheter des services',
  'products.renews': 'Renouvellement le {date}',
  'products.expires': 'Expire le {date}',
  'products.trialEnds': 'Fin de l’essai le {date}',
  'products.ended': 'Terminé le {date}',
  'products.about': 'Acheté le {date} · {term}',
  'products.aboutTrial': 'Essai commencé le {date}',
  'products.term.monthly': 'abonnement mensuel',
  'products.term.annual': 'abonnement annuel',

  'status.trial': 'Essai',
  'status.active': 'Actif',
  'status.expired': 'Expiré',
  'status.disabled': 'Désactivé',
  'status.deleted': 'Supprimé',
  'frequency.monthly': 'Mensuelle',
  'frequency.annual': 'Annuelle',
  'price.perMonth': '{price} licence/mois',
  'price.perYear': '{price} licence/an',
  'source.self_service': 'Libre-service',
  'source.admin': 'Acheté par votre organisation',

  'details.back': 'Retour à Vos produits',
  'details.summary': 'Abonnement',
  'details.status': 'État',
  'details.totalLicenses': 'Nombre total de licences',
  'details.assignedLicenses': 'Licences attribuées',
  'details.availableLicenses': 'Licences disponibles',
  'details.frequency': 'Fréquence de facturation',
  'details.unitPrice': 'Prix par licence',
  'details.source': 'Acheté via',
  'details.purchaser': 'Acheté par',
  'details.purchasedOn': 'Date d’achat',
  'details.termStart': 'Début de la période en cours',
  'details.termEnd': 'Date de renouvellement ou d’expiration',
  'details.autoRenew': 'Facturation récurrente',
  'details.autoRenew.on': 'Activée',
  'details.autoRenew.off': 'Désactivée',
  'details.trialEnds': 'Date de fin de l’essai',
  'details.pendingQuantity': 'Modification en attente',
  'details.pendingQuantityValue': {
    one: '{count} licence à partir du {date}',
    other: '{count} licences à partir du {date}',
    many: '{count} de licences à partir du {date}',
  },
  'details.billingProfile': 'Profil de facturation',
  'details.paymentMethod': 'Mode de paiement',
  'details.cardValue': '{brand} se terminant par {last4}',
  'details.none': 'Aucun',
  'details.cancellation': 'Annulation',
  'details.cancellationValue': 'Annulé le {date}',
  'details.assignedUsers': 'Utilisateurs attribués',
  'details.assignedCaption': 'Utilisateurs disposant d’une licence de cet abonnement',
  'details.col.name': 'Nom',
  'details.col.email': 'Adresse e-mail',
  'details.col.assignedOn': 'Attribuée le',
  'details.noAssigned': 'Aucune licence n’est attribuée.',
  'details.viewAllAndAssign': 'Tout afficher et attribuer',
  'details.viewAll': 'Afficher tous les utilisateurs attribués',
  'details.moreAssigned': {
    one: '… et {count} autre utilisateur.',
    other: '… et {count} autres utilisateurs.',
    many: '… et {count} d’autres utilisateurs.',
  },

  'brand.visa': 'Visa',
  'brand.mastercard': 'Mastercard',
  'brand.amex': 'American Express',
  'brand.discover': 'Discover',
  'brand.unknown': 'Carte',

  'action.edit': 'Modifier',
  'action.replace': 'Remplacer',
  'action.save': 'Enregistrer',
  'action.cancel': 'Annuler',
  'billingStatus.active': 'Actif',
  'billingStatus.disabled': 'Désactivé',
  'agreement.customer_agreement': 'Contrat client',
  'address.legend': 'Adresse',

  'accounts.title': 'Comptes de facturation',
  'accounts.tabsLabel': 'Vues du compte de facturation',
  'accounts.tab.overview': 'Vue d’ensemble',
  'accounts.tab.profiles': 'Profils de facturation',
  'accounts.caption': 'Vos comptes de facturation',
  'accounts.col.name': 'Nom du compte de facturation',
  'accounts.col.type': 'Type',
  'accounts.col.status': 'État',
  'accounts.col.profiles': 'Profils de facturation',
  'accounts.empty':
    'Vous n’avez pas encore de compte de facturation. Il est créé lors de votre premier achat d’un produit.',
  'accounts.back': 'Retour aux comptes de facturation',
  'account.details': 'Détails du compte',
  'account.name': 'Nom du compte de facturation',
  'account.type': 'Type',
  'account.status': 'État',
  'account.soldTo': 'Adresse du client',
  'account.taxId': 'Numéro d’identification fiscale',
  'account.taxIdHint': 'Le numéro de TVA ou autre identifiant fiscal de votre organisation, s’il en a un.',
  'account.none': 'Aucun',
  'account.edit': 'Modifier les détails du compte',
  'account.nameRequired': 'Saisissez le nom du compte de facturation',
  'account.tooLong': 'Utilisez 100 caractères au plus',
  'account.saved': 'Les détails du compte de facturation ont été enregistrés.',
  'account.profilesCaption': 'Profils de facturation de ce compte',
  'account.col.profile': 'Profil de facturation',
  'account.col.status': 'État',
  'account.col.currency': 'Devise de facturation',
  'account.col.paymentMethod': 'Mode de paiement',
  'account.col.subscriptions': 'Abonnements',
  'account.noProfiles': 'Ce compte n’a aucun profil de facturation.',
  'addProfile.open': 'Ajouter un profil de facturation',
  'addProfile.title': 'Ajouter un profil de facturation',
  'addProfile.intro':
    'Un profil de facturation reçoit ses propres factures. Choisissez son mode de paiement une fois qu’il est ajouté.',
  'addProfile.added': 'Le profil de facturation {name} a été ajouté. Choisissez son mode de paiement.',

  'profile.back': 'Retour au compte de facturation {account}',
  'profile.details': 'Profil de facturation',
  'profile.name': 'Nom du profil de facturation',
  'profile.status': 'État',
  'profile.currency': 'Devise de facturation',
  'profile.billTo': 'Adresse de facturation',
  'profile.invoices': 'Factures et notifications de facturation',
  'profile.paymentMethod': 'Mode de paiement',
  'profile.noPaymentMethod': 'Aucun mode de paiement pour l’instant.',
  'profile.choosePaymentMethod': 'Choisir un mode de paiement',
  'profile.poNumber': 'Numéro de bon de commande',
  'profile.poNumberHint': 'Votre numéro de bon de commande, indiqué sur les factures. Facultatif.',
  'profile.recipients': 'Destinataires des factures par e-mail',
  'profile.recipientsHint': 'Jusqu’à 10 adresses e-mail, séparées par des virgules.',
  'profile.emailInvoices': 'Recevoir les factures par e-mail',
  'profile.emailInvoicesOn': 'Activé',
  'profile.emailInvoicesOff': 'Désactivé',
  'profile.none': 'Aucun',
  'profile.subscriptions': 'Abonnements facturés sur ce profil',
  'profile.noSubscriptions': 'Aucun abonnement n’est facturé sur ce profil.',
  'profile.col.product': 'Produit',
  'profile.col.status': 'État',
  'profile.col.licenses': 'Licences',
  'profile.col.termEnd': 'Date de renouvellement ou d’expiration',
  'profile.col.paymentMethod': 'Débité sur',
  'profile.nameRequired': 'Saisissez le nom du profil de facturation',
  'profile.poTooLong': 'Utilisez 50 caractères au plus',
  'profile.recipientsInvalid': 'Saisissez des adresses e-mail comme nom@exemple.com, séparées par des virgules',
  'profile.recipients_required':
    'Saisissez au moins une adresse e-mail, ou désactivez la réception des factures par e-mail',
  'profile.too_many_recipients': 'Saisissez 10 adresses e-mail au plus',
  'profile.currencyRequired': 'Choisissez la devise de facturation',
  'profile.saved': 'Le profil de facturation a été enregistré.',
  'replace.title': 'Remplacer le mode de paiement',
  'replace.intro':
    'Chaque abonnement facturé sur ce profil est débité sur la carte choisie dès son prochain paiement : ' +
    'renouvellements, conversions d’essai et licences ajoutées.',
  'replace.choice': 'Payer avec',
  'replace.saved': '{card}, expire fin {expiry}',
  'replace.new': 'Une nouvelle carte',
  'replace.newLegend': 'Nouvelle carte',
  'replace.newAddress': 'L’adresse de facturation d’une nouvelle carte est celle de ce profil.',
  'replace.choose': 'Choisissez l’une de vos cartes ou saisissez-en une nouvelle',
  'replace.done': '{card} paie désormais ce profil de facturation et ses abonnements.',

  'bills.title': 'Factures et paiements',
  'bills.tabsLabel': 'Vues des factures et paiements',
  'bills.tab.invoices': 'Factures',
  'bills.tab.paymentMethods': 'Modes de paiement',
  'bills.invoicesSoon': 'Les factures ne sont pas encore disponibles ici.',
  'paymentMethods.intro':
    'Les cartes avec lesquelles vous payez. Chaque profil de facturation paie avec l’une d’elles, ainsi que ses ' +
    'abonnements.',
  'paymentMethods.caption': 'Vos modes de paiement',
  'paymentMethods.col.card': 'Mode de paiement',
  'paymentMethods.col.expires': 'Date d’expiration',
  'paymentMethods.col.name': 'Nom sur la carte',
  'paymentMethods.col.usedBy': 'Utilisé par',
  'paymentMethods.endingIn': 'se terminant par',
  'paymentMethods.cardText': '{brand} se terminant par {last4}',
  'paymentMethods.expiresSoon': 'Expire bientôt',
  'paymentMethods.expired': 'Expirée',
  'paymentMethods.notUsed': 'Non utilisée',
  'paymentMethods.profileUse': 'Profil de facturation : {name}',
  'paymentMethods.subscriptionUse': 'Abonnement : {product}',
  'paymentMethods.empty': 'Vous n’avez aucun mode de paiement enregistré.',
  'paymentMethods.add': 'Ajouter un mode de paiement',
  'paymentMethods.addCard': 'Carte de crédit ou de débit',
  'paymentMethods.added': '{card} a été ajoutée.',
  'paymentMethods.number': 'Numéro de carte',
  'paymentMethods.numberHint':
    'Le numéro de carte ne peut pas changer : pour payer avec une autre carte, ajoutez-la et remplacez celle-ci.',
  'paymentMethods.expires': 'Date d’expiration',
  'paymentMethods.address': 'Adresse de facturation',
  'paymentMethods.usedBy': 'Utilisé par',
  'paymentMethods.edit': 'Modifier le mode de paiement',
  'paymentMethods.cvcToSave':
    'Saisissez le code de sécurité de la carte pour enregistrer. Il est vérifié, puis oublié.',
  'paymentMethods.saved': 'Les modifications de {card} ont été enregistrées.',
  'paymentMethods.delete': 'Supprimer',
  'paymentMethods.deleteTitle': 'Supprimer le mode de paiement',
  'paymentMethods.deleteBody': 'Supprimer {card} ? Cette action est définitive.',
  'paymentMethods.deleted': '{card} a été supprimée.',
  'paymentMethods.inUse':
    'Vous ne pouvez pas supprimer {card} : {uses} l’utilisent. Remplacez-la d’abord sur ces profils de facturation.',
  'paymentMethods.inUseProfile': 'le profil de facturation {name}',
  'paymentMethods.inUseSubscription': 'l’abonnement {product}',
  'paymentMethods.decline.card_declined':
    'La carte a été refusée. Utilisez une autre carte ou contactez votre banque. Rien n’a été enregistré.',
  'paymentMethods.decline.insufficient_funds':
    'Le solde de la carte est insuffisant. Utilisez une autre carte. Rien n’a été enregistré.',
  'paymentMethods.decline.expired_card': 'La carte a expiré. Utilisez une autre carte. Rien n’a été enregistré.',
  'paymentMethods.decline.incorrect_cvc':
    'Le code de sécurité est incorrect. Vérifiez-le et réessayez. Rien n’a été enregistré.',
  'paymentMethods.decline.processing_error':
    'Nous n’avons pas pu vérifier la carte. Réessayez dans un instant ou utilisez une autre carte. Rien n’a été ' +
    'enregistré.',

  'purchase.title': 'Acheter des services',
  'purchase.intro':
    'Les produits que vous pouvez acheter ou essayer avec votre propre carte. Les prix sont par licence.',
  'purchase.guestTitle': 'Vous ne pouvez pas acheter ici',
  'purchase.guestBody':
    'Les invités peuvent se connecter mais ne peuvent ni acheter d’abonnement ni démarrer d’essai. ' +
    'Adressez-vous à un membre de votre organisation ou à un administrateur.',
  'purchase.empty': 'Aucun produit n’est disponible à l’achat en libre-service dans votre organisation.',
  'purchase.monthly': '{price} licence/mois, facturation mensuelle',
  'purchase.annual': '{price} licence/an, facturation annuelle',
  'purchase.buy': 'Acheter',
  'purchase.buyProduct': 'Acheter {product}',
  'purchase.startTrial': 'Démarrer l’essai gratuit',
  'purchase.startTrialProduct': 'Démarrer l’essai gratuit de {product}',
  'purchase.trialWithCard':
    'Essai gratuit de 30 jours avec 25 licences. Une carte est nécessaire ; l’essai devient un abonnement ' +
    'payant à son terme, sauf si vous l’annulez.',
  'purchase.trialWithoutCard': 'Essai gratuit de 30 jours avec 25 licences. Aucune carte nécessaire.',
  'purchase.trialUsed': 'Vous avez déjà essayé ce produit.',
  'purchase.trialsOnlyNote': 'Votre organisation n’autorise que l’essai de ce produit.',
  'checkout.title': 'Acheter {product}',
  'checkout.back': 'Retour à Acheter des services',
  'checkout.orderTitle': 'Votre commande',
  'checkout.quantity': 'Nombre de licences',
  'checkout.quantityHint': 'De 1 à {max}. L’une d’elles vous sera attribuée.',
  'checkout.frequency': 'Fréquence de facturation',
  'checkout.profile': 'Profil de facturation',
  'checkout.updateTotal': 'Mettre à jour le total',
  'checkout.summaryTitle': 'Récapitulatif',
  'checkout.unitPrice': 'Prix par licence',
  'checkout.subtotal': {
    one: 'Sous-total ({count} licence)',
    other: 'Sous-total ({count} licences)',
    many: 'Sous-total ({count} de licences)',
  },
  'checkout.tax': 'Taxe ({rate})',
  'checkout.total': 'Total dû aujourd’hui',
  'checkout.renews': 'Renouvellement le {date} au même prix, sauf si vous annulez.',
  'checkout.paymentTitle': 'Mode de paiement',
  'checkout.savedCard': '{brand} se terminant par {last4}, expire {month}/{year}',
  'checkout.newCard': 'Une nouvelle carte',
  'checkout.submit': 'Acheter',
  'checkout.replayed': 'Cet achat avait déjà été effectué : le voici.',
  'checkout.enteredCard': '{brand} se terminant par {last4}, expire {month}/{year} (la carte saisie)',
  'checkout.confirmTitle': 'Vérifiez le nouveau total pour {product}',
  'checkout.confirmSubmit': 'Acheter pour {total}',
  'checkout.changeOrder': 'Modifier la commande',
  'billingSetup.title': 'Adresse de facturation',
  'billingSetup.intro':
    'Avant votre premier achat, indiquez où envoyer les factures. Nous créons avec elle votre compte et votre ' +
    'profil de facturation.',
  'billingSetup.line1': 'Adresse, ligne 1',
  'billingSetup.line2': 'Adresse, ligne 2 (facultatif)',
  'billingSetup.city': 'Ville',
  'billingSetup.postalCode': 'Code postal',
  'billingSetup.country': 'Pays',
  'billingSetup.submit': 'Enregistrer l’adresse de facturation',
  'billingSetup.line1Required': 'Saisissez la première ligne de l’adresse',
  'billingSetup.cityRequired': 'Saisissez la ville',
  'billingSetup.postalCodeRequired': 'Saisissez le code postal',
  'billingSetup.countryRequired': 'Choisissez un pays',
  'billingSetup.tooLong': 'Utilisez 200 caractères au plus',
  'card.number': 'Numéro de carte',
  'card.expMonth': 'Mois d’expiration (MM)',
  'card.expYear': 'Année d’expiration (AAAA)',
  'card.cvc': 'Code de sécurité',
  'card.cvcHint': 'Les 3 derniers chiffres au dos de la carte, ou 4 chiffres au recto pour American Express.',
  'card.nameOnCard': 'Nom sur la carte',
  'card.addressNote': 'L’adresse de facturation de la carte est celle de votre profil de facturation.',
  'card.reenter': 'Pour votre sécurité, saisissez à nouveau le numéro de carte et le code de sécurité.',
  'card.number_required': 'Saisissez le numéro de carte',
  'card.number_invalid': 'Saisissez un numéro de carte valide, comme 4242 4242 4242 4242',
  'card.exp_month_invalid': 'Saisissez le mois d’expiration, un nombre de 1 à 12',
  'card.exp_year_invalid': 'Saisissez l’année d’expiration, comme 2029',
  'card.expired': 'Cette carte a expiré : utilisez une carte dont la date d’expiration est à venir',
  'card.cvc_required': 'Saisissez le code de sécurité',
  'card.cvc_invalid': 'Saisissez le code de sécurité à 3 chiffres (4 chiffres pour American Express)',
  'card.name_required': 'Saisissez le nom figurant sur la carte',
  'card.choose': 'Choisissez une carte enregistrée ou saisissez-en une nouvelle',
  'decline.card_declined':
    'Votre carte a été refusée. Utilisez une autre carte ou contactez votre banque. Rien n’a été acheté.',
  'decline.insufficient_funds':
    'Le solde de votre carte est insuffisant. Utilisez une autre carte. Rien n’a été acheté.',
  'decline.expired_card': 'Votre carte a expiré. Utilisez une autre carte. Rien n’a été acheté.',
  'decline.incorrect_cvc':
    'Le code de sécurité est incorrect. Vérifiez-le et saisissez à nouveau les données de la carte. Rien n’a ' +
    'été acheté.',
  'decline.processing_error':
    'Nous n’avons pas pu traiter votre carte. Réessayez dans un instant ou utilisez une autre carte. Rien n’a ' +
    'été acheté.',
  'refusal.quantity': 'Saisissez un nombre entier de licences de 1 à {max}',
  'refusal.frequency': 'Choisissez une fréquence de facturation',
  'refusal.profile_not_found': 'Choisissez l’un de vos profils de facturation',
  'refusal.payment_method_not_found': 'Choisissez l’une de vos cartes enregistrées ou saisissez-en une nouvelle',
  'refusal.currency_mismatch': 'Ce profil de facturation est facturé dans une autre devise que le prix du produit',
  'refusal.blocked': 'Votre organisation n’autorise ni l’achat ni l’essai de ce produit ici.',
  'refusal.trials_only': 'Votre organisation n’autorise qu’un essai gratuit de ce produit, pas un achat.',
  'refusal.guest': 'Les invités ne peuvent ni acheter d’abonnement ni démarrer d’essai.',
  'refusal.trial_used': 'Vous avez déjà essayé ce produit : un essai par produit et par personne.',
  'refusal.no_trial': 'Ce produit n’a pas d’essai gratuit.',
  'refusal.not_a_trial': 'Cet abonnement n’est pas un essai.',
  'refusal.key_reused':
    'Ce formulaire a déjà servi pour une autre commande. Rien n’a été débité pour celle-ci : vérifiez la ' +
    'commande ci-dessous et validez-la à nouveau.',
  'refusal.no_payment_method':
    'Cet essai n’a pas de carte : il ne peut pas devenir un abonnement payant. Achetez plutôt le produit.',
  'trial.title': 'Démarrer un essai gratuit de {product}',
  'trial.whatHappens': 'Ce qui va se passer',
  'trial.endsOn': 'L’essai se termine le {date}.',
  'trial.licenses':
    'Vous disposez de 25 licences, dont une vous est attribuée. Leur nombre ne peut pas changer pendant l’essai.',
  'trial.convertsAt':
    'Sauf annulation, le {date} il devient un abonnement payant de 25 licences à {price}, débité sur la carte ' +
    'ci-dessous. Vous pouvez commencer à payer plus tôt depuis la page de l’abonnement.',
  'trial.noConversion': 'Il ne devient pas un abonnement payant : il se termine simplement.',
  'trial.submit': 'Démarrer l’essai gratuit',
  'convert.title': 'Démarrer l’abonnement payant maintenant',
  'convert.explain':
    'Termine l’essai aujourd’hui et débite {total} pour 25 licences ({frequency}) sur {card}. Une facture est émise.',
  'convert.submit': 'Démarrer l’abonnement payant maintenant',
  'convert.done': 'Votre abonnement payant a commencé. Facture émise et payée.',
  'done.purchased': 'Achat effectué. Votre facture a été émise et payée, et une licence vous est attribuée.',
  'done.trialStarted': 'Votre essai gratuit a commencé, et une licence vous est attribuée.',
  'licenses.title': 'Licences',
  'licenses.intro':
    'Vos abonnements et leurs licences. Ouvrez-en un pour voir qui a une licence, attribuer ou annuler l’attribution.',
  'licenses.caption': 'Licences par produit',
  'licenses.col.product': 'Produit',
  'licenses.col.assigned': 'Attribuées',
  'licenses.col.available': 'Disponibles',
  'licenses.col.total': 'Total',
  'licenses.empty': 'Vous n’avez aucun abonnement avec des licences.',
  'licenses.back': 'Retour à Licences',
  'licenses.counts': '{assigned}, {available}, {total}',
  'licenses.counts.assigned': {
    one: '{count} attribuée',
    other: '{count} attribuées',
    many: '{count} attribuées',
  },
  'licenses.counts.available': {
    one: '{count} disponible',
    other: '{count} disponibles',
    many: '{count} disponibles',
  },
  'licenses.counts.total': {
    one: '{count} au total',
    other: '{count} au total',
    many: '{count} au total',
  },
  'licenses.assignedTitle': 'Utilisateurs attribués',
  'licenses.searchAssigned': 'Rechercher parmi les utilisateurs attribués',
  'licenses.search': 'Rechercher',
  'licenses.selectColumn': 'Sélection',
  'licenses.noneAssigned': 'Aucune licence n’est encore attribuée.',
  'licenses.noMatch': 'Aucun utilisateur attribué ne correspond à « {q} ».',
  'licenses.page': 'Page {page} sur {pages}',
  'licenses.previous': 'Page précédente',
  'licenses.next': 'Page suivante',
  'licenses.pagination': 'Pages des utilisateurs attribués',
  'licenses.selectedLabel': 'Sélection :',
  'licenses.assignedCount': {
    one: '{count} utilisateur attribué',
    other: '{count} utilisateurs attribués',
    many: '{count} d’utilisateurs attribués',
  },
  'licenses.notAssignable': 'Cet abonnement est désactivé : ses licences ne peuvent pas être attribuées.',
  'assign.open': 'Attribuer des licences',
  'assign.title': 'Attribuer des licences',
  'assign.available': {
    one: '{count} licence disponible.',
    other: '{count} licences disponibles.',
    many: '{count} de licences disponibles.',
  },
  'assign.searchLabel': 'Nom ou adresse e-mail',
  'assign.searchHint':
    'Saisissez une partie d’un nom ou d’une adresse e-mail, puis lancez la recherche. Vous pouvez choisir ' +
    'jusqu’à 20 personnes à la fois.',
  'assign.search': 'Rechercher des personnes',
  'assign.resultsTitle': 'Personnes',
  'assign.selected': 'Choisies',
  'assign.choose': 'Choisir {name} ({email})',
  'assign.hasLicense': '{name} ({email}) a déjà une licence',
  'assign.noResults':
    'Personne ne correspond à « {q} ». Seuls les membres actifs de votre organisation peuvent recevoir une licence.',
  'assign.typeToSearch': 'Recherchez les personnes à qui attribuer une licence.',
  'assign.results': {
    one: '{count} personne trouvée',
    other: '{count} personnes trouvées',
    many: '{count} de personnes trouvées',
  },
  'assign.submit': 'Attribuer',
  'assign.done': {
    one: 'Licence attribuée à {count} personne.',
    other: 'Licences attribuées à {count} personnes.',
    many: 'Licences attribuées à {count} de personnes.',
  },
  'assign.skipped': 'Déjà titulaires d’une licence, donc ignorés : {names}.',
  'assign.none_chosen': 'Choisissez au moins une personne',
  'assign.too_many_at_once': {
    one: 'Vous avez choisi {count} personne : choisissez-en au plus {max} à la fois',
    other: 'Vous avez choisi {count} personnes : choisissez-en au plus {max} à la fois',
    many: 'Vous avez choisi {count} de personnes : choisissez-en au plus {max} à la fois',
  },
  'assign.not_enough_licenses': {
    one:
      'Pas assez de licences : vous avez choisi {count} personne et il en reste {available}. Achetez des ' +
      'licences ou choisissez moins de personnes.',
    other:
      'Pas assez de licences : vous avez choisi {count} personnes et il en reste {available}. Achetez des ' +
      'licences ou choisissez moins de personnes.',
    many:
      'Pas assez de licences : vous avez choisi {count} de personnes et il en reste {available}. Achetez des ' +
      'licences ou choisissez moins de personnes.',
  },
  'assign.invalid_users': 'Seuls les membres actifs de votre organisation peuvent recevoir une licence.',
  'assign.not_assignable': 'Les licences de cet abonnement ne peuvent pas être attribuées pour le moment.',
  'unassign.submit': 'Annuler l’attribution de licences',
  'unassign.title': 'Annuler l’attribution de licences ?',
  'unassign.body': 'Ces personnes vont perdre leur licence de {product} :',
  'unassign.confirm': 'Annuler l’attribution de licences',
  'unassign.cancel': 'Ne rien changer',
  'unassign.done': {
    one: 'Attribution annulée pour {count} personne.',
    other: 'Attribution annulée pour {count} personnes.',
    many: 'Attribution annulée pour {count} de personnes.',
  },
  'unassign.none_chosen': 'Sélectionnez au moins un utilisateur',
  'unassign.too_many_at_once': {
    one: 'Vous avez sélectionné {count} utilisateur : sélectionnez-en au plus {max} à la fois',
    other: 'Vous avez sélectionné {count} utilisateurs : sélectionnez-en au plus {max} à la fois',
    many: 'Vous avez sélectionné {count} d’utilisateurs : sélectionnez-en au plus {max} à la fois',
  },
  'change.open.buy': 'Acheter des licences',
  'change.open.remove': 'Supprimer les licences',
  'change.title': 'Acheter ou supprimer des licences',
  'change.current': {
    one: 'Vous avez {count} licence, {assigned}.',
    other: 'Vous avez {count} licences, {assigned}.',
    many: 'Vous avez {count} de licences, {assigned}.',
  },
  'change.current.assigned': {
    one: 'dont {count} attribuée',
    other: 'dont {count} attribuées',
    many: 'dont {count} attribuées',
  },
  'change.pending': {
    one: 'Un passage à {count} licence est prévu le {date}.',
    other: 'Un passage à {count} licences est prévu le {date}.',
    many: 'Un passage à {count} de licences est prévu le {date}.',
  },
  'change.total': 'Nombre total de licences',
  'change.totalHint': 'Saisissez le nouveau total, par exemple 105 pour en ajouter 5 à 100.',
  'change.summaryTitle': 'Ce que fait ce changement',
  'change.add': {
    one: 'Vous achetez {count} licence.',
    other: 'Vous achetez {count} licences.',
    many: 'Vous achetez {count} de licences.',
  },
  'change.add.charge': {
    one:
      'Pour le {count} jour restant de la période, vous payez {subtotal} plus {tax} de taxe : {total}, débités ' +
      'aujourd’hui sur {card}. Une facture est émise.',
    other:
      'Pour les {count} jours restants de la période, vous payez {subtotal} plus {tax} de taxe : {total}, ' +
      'débités aujourd’hui sur {card}. Une facture est émise.',
    many:
      'Pour les {count} de jours restants de la période, vous payez {subtotal} plus {tax} de taxe : {total}, ' +
      'débités aujourd’hui sur {card}. Une facture est émise.',
  },
  'change.removeNow': {
    one:
      '{count} licence est supprimée aujourd’hui. {total} (taxe comprise) est crédité sur votre carte, au ' +
      'prorata des jours restants de la période.',
    other:
      '{count} licences sont supprimées aujourd’hui. {total} (taxe comprise) est crédité sur votre carte, au ' +
      'prorata des jours restants de la période.',
    many:
      '{count} de licences sont supprimées aujourd’hui. {total} (taxe comprise) est crédité sur votre carte, ' +
      'au prorata des jours restants de la période.',
  },
  'change.schedule': {
    one:
      'Le total passe à {to} le {date}, date de renouvellement. D’ici là, vous gardez {count} licence, et rien ' +
      'n’est crédité.',
    other:
      'Le total passe à {to} le {date}, date de renouvellement. D’ici là, vous gardez {count} licences, et ' +
      'rien n’est crédité.',
    many:
      'Le total passe à {to} le {date}, date de renouvellement. D’ici là, vous gardez {count} de licences, et ' +
      'rien n’est crédité.',
  },
  'change.withdraw': {
    one: 'Ceci annule le passage prévu à {count} licence : vous gardez {from}.',
    other: 'Ceci annule le passage prévu à {count} licences : vous gardez {from}.',
    many: 'Ceci annule le passage prévu à {count} de licences : vous gardez {from}.',
  },
  'change.unchanged': 'C’est le total actuel : rien ne change.',
  'change.submit': 'Enregistrer',
  'change.preview': 'Vérifier le changement',
  'change.close': 'Fermer',
  'change.done.add': 'Licences achetées : vous en avez maintenant {total}. Facture émise et payée.',
  'change.done.remove_now': 'Licences supprimées : vous en avez maintenant {total}. Un avoir a été émis.',
  'change.done.schedule': 'Suppression prévue : le total passera à {total} au renouvellement.',
  'change.done.withdraw': 'La suppression prévue a été annulée.',
  'change.done.unchanged': 'Rien n’a changé.',
  'change.below_assigned': {
    one: '{count} licence est attribuée : annulez l’attribution de {unassign} avant de descendre à ce nombre.',
    other: '{count} licences sont attribuées : annulez l’attribution de {unassign} avant de descendre à ce nombre.',
    many: '{count} de licences sont attribuées : annulez l’attribution de {unassign} avant de descendre à ce nombre.',
  },
  'change.out_of_range': 'Saisissez un nombre entier de licences de 1 à {max}',
  'change.trial': 'Le nombre de licences ne peut pas changer pendant un essai.',
  'change.cancelled': 'Cet abonnement est annulé : ses licences ne peuvent pas changer.',
  'change.not_changeable': 'Seules les licences d’un abonnement actif peuvent changer.',
  'change.key_reused':
    'Ce formulaire a déjà servi pour une autre modification. Rien n’a été débité pour celle-ci : vérifiez le ' +
    'total et enregistrez à nouveau.',
  'change.changed_meanwhile':
    'Le nombre de licences a changé pendant votre saisie. Rien n’a été débité : vérifiez le nouveau total et ' +
    'réessayez.',
  'change.no_payment_method': 'Cet abonnement n’a pas de carte à débiter. Rien n’a été acheté.',
  'errors.badRequest.title': 'La demande n’a pas pu être lue',
  'errors.badRequest.body':
    'Elle contenait un texte non valide (par exemple un caractère de contrôle invisible). Revenez en arrière, ' +
    'vérifiez votre saisie et réessayez.',
  'refusal.billing_required': 'Choisissez un profil de facturation et une carte pour cet essai.',
  'checkout.totalChanged':
    'Le total a changé depuis son affichage : rien n’a été débité. Vérifiez la commande et le nouveau total, ' +
    'puis achetez.',
  'cancel.open': 'Annuler l’abonnement',
  'cancel.title': 'Annuler l’abonnement',
  'cancel.immediateRefund':
    'Votre abonnement prend fin aujourd’hui et {refund} (taxe comprise) est remboursé sur votre carte, pour ' +
    'les jours restants de la période. Ses licences cessent de fonctionner.',
  'cancel.immediate': 'Votre abonnement prend fin aujourd’hui. Ses licences cessent de fonctionner.',
  'cancel.atTermEnd':
    'La facturation récurrente s’arrête. Vous et vos utilisateurs gardez l’accès jusqu’au {date} ; ensuite ' +
    'l’abonnement expire et n’est pas renouvelé.',
  'cancel.trial':
    'L’essai ne deviendra pas un abonnement payant. Il reste utilisable jusqu’au {date}, puis il se termine.',
  'cancel.reason': 'Pourquoi annulez-vous ?',
  'cancel.reason.too_expensive': 'Trop cher',
  'cancel.reason.missing_features': 'Il manque des fonctionnalités dont j’ai besoin',
  'cancel.reason.switched_service': 'Passage à un autre service',
  'cancel.reason.not_used_enough': 'Pas assez utilisé',
  'cancel.reason.customer_service': 'Service client',
  'cancel.reason.too_complex': 'Trop complexe',
  'cancel.reason.quality': 'Qualité',
  'cancel.reason.other': 'Autre',
  'cancel.feedback': 'Commentaires (facultatif)',
  'cancel.feedbackHint': {
    one: 'Jusqu’à {count} caractère.',
    other: 'Jusqu’à {count} caractères.',
    many: 'Jusqu’à {count} de caractères.',
  },
  'cancel.submit': 'Annuler l’abonnement',
  'cancel.keep': 'Garder l’abonnement',
  'cancel.done.immediate': 'Abonnement annulé. Un avoir a été émis pour le remboursement.',
  'cancel.done.at_term_end':
    'Abonnement annulé : la facturation récurrente est désactivée, et l’accès continue jusqu’à la fin de la période.',
  'cancel.reason_required': 'Choisissez un motif d’annulation',
  'cancel.feedback_too_long': {
    one: 'Utilisez {count} caractère au plus (vous en avez utilisé {used})',
    other: 'Utilisez {count} caractères au plus (vous en avez utilisé {used})',
    many: 'Utilisez {count} de caractères au plus (vous en avez utilisé {used})',
  },
  'cancel.already_cancelled': 'Cet abonnement est déjà annulé : rien n’a changé.',
  'cancel.not_cancellable': 'Seul un abonnement actif ou un essai peut être annulé.',
  'more.actions': 'Autres actions pour {product}',
  'more.column': 'Autres actions',
  'autoRenew.title': 'Facturation récurrente',
  'autoRenew.isOn': 'La facturation récurrente est activée : l’abonnement se renouvelle le {date}.',
  'autoRenew.isOff': 'La facturation récurrente est désactivée : l’abonnement expire le {date}.',
  'autoRenew.offNote':
    'La désactiver n’est pas une annulation : rien n’est remboursé, et vous pouvez la réactiver d’ici là.',
  'autoRenew.dropsPending': {
    one: 'Cela annule aussi le passage prévu à {count} licence.',
    other: 'Cela annule aussi le passage prévu à {count} licences.',
    many: 'Cela annule aussi le passage prévu à {count} de licences.',
  },
  'autoRenew.turnOff': 'Désactiver la facturation récurrente',
  'autoRenew.turnOn': 'Activer la facturation récurrente',
  'autoRenew.done.on': 'La facturation récurrente est activée.',
  'autoRenew.done.off': 'La facturation récurrente est désactivée.',
  'autoRenew.done.offDropped': {
    one: 'La facturation récurrente est désactivée. Le passage prévu à {count} licence a été annulé.',
    other: 'La facturation récurrente est désactivée. Le passage prévu à {count} licences a été annulé.',
    many: 'La facturation récurrente est désactivée. Le passage prévu à {count} de licences a été annulé.',
  },
  'autoRenew.not_active': 'La facturation récurrente ne peut être modifiée que sur un abonnement actif.',
  'reactivate.title': 'Réactiver',
  'reactivate.explain': {
    one:
      'Démarre une nouvelle période aujourd’hui : {total} pour {count} licence ({frequency}), débités sur ' +
      '{card}. Une facture est émise.',
    other:
      'Démarre une nouvelle période aujourd’hui : {total} pour {count} licences ({frequency}), débités sur ' +
      '{card}. Une facture est émise.',
    many:
      'Démarre une nouvelle période aujourd’hui : {total} pour {count} de licences ({frequency}), débités sur ' +
      '{card}. Une facture est émise.',
  },
  'reactivate.submit': 'Réactiver l’abonnement',
  'reactivate.done': 'Abonnement réactivé. Facture émise et payée.',
  'reactivate.not_reactivatable': 'Seul un abonnement expiré ou désactivé peut être réactivé.',
  'notifications.title': 'Notifications',
  'notifications.link': 'Notifications',
  'notifications.unread': {
    one: '{count} non lue',
    other: '{count} non lues',
    many: '{count} non lues',
  },
  'notifications.empty': 'Vous n’avez aucune notification.',
  'notifications.markRead': 'Tout marquer comme lu',
  'notifications.marked': 'Toutes les notifications sont marquées comme lues.',
  'notifications.new': 'Nouveau',
  'notifications.open': 'Ouvrir {product}',
  'notification.take_over': 'Un administrateur a repris votre abonnement à {product}.',
  'notification.renewal_failed':
    'Le renouvellement de {product} prévu le {date} a échoué et l’abonnement a expiré. Remplacez la carte, ' +
    'puis réactivez-le.',
  'notification.renewal_failed.undated':
    'Le renouvellement de {product} a échoué et l’abonnement a expiré. Remplacez la carte, puis réactivez-le.',
  'notification.conversion_failed':
    'Votre essai de {product} s’est terminé le {date} et n’a pas pu devenir un abonnement payant : le ' +
    'paiement n’a pas abouti. Remplacez la carte, puis réactivez l’abonnement.',
  'notification.conversion_failed.undated':
    'Votre essai de {product} n’a pas pu devenir un abonnement payant : le paiement n’a pas abouti. ' +
    'Remplacez la carte, puis réactivez l’abonnement.',
  'notification.trial_ending': 'Votre essai de {product} se termine le {date}.',
  'notification.trial_ending.undated': 'Votre essai de {product} se termine bientôt.',
  'notification.invoice_issued': 'La facture n° {number} ({amount}) a été émise pour {product}.',
  'notification.credit_note_issued': 'L’avoir n° {number} ({amount}) a été émis pour {product}.',
  'notification.document_issued': 'Une facture a été émise pour {product}.',
  'notification.subscription_expired': 'Votre abonnement à {product} a expiré le {date}.',
  'notification.subscription_expired.undated': 'Votre abonnement à {product} a expiré.',
  'refusal.cancelled': 'Cet essai est annulé : il se termine à sa date de fin et ne devient pas un abonnement payant.',
  'change.renewal_due':
    'Cette période est terminée et son renouvellement est en cours. Réessayez dans quelques minutes.',
  'change.no_renewal':
    'La facturation récurrente est désactivée : il n’y a pas de renouvellement auquel supprimer des licences. ' +
    'Activez d’abord la facturation récurrente, ou supprimez moins de licences.',
}
