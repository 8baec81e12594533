package io.modellibrary.account;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

import java.util.List;
import java.util.Map;

/**
 * Every test application context hashes passwords with bcrypt at its lowest cost, 4 (16
 * rounds), instead of the default 10 (1,024 rounds): hashing the passwords of the accounts the
 * tests make was a third of the whole suite's CPU time. The rest of password hashing is the
 * product's: the {@code {bcrypt}} format behind a delegating encoder, and the
 * {@link BoundedPasswordEncoder} with the configured {@code modellibrary.passwords.*}. Applications
 * a test starts by hand (two servers, a restart) hash at the default cost.
 *
 * <p>Registered for every test context in {@code META-INF/spring.factories}; every context gets
 * one and the same customizer, so it splits none of them in Spring's context cache.
 */
public class CheapPasswordHashing implements ContextCustomizerFactory {

    /** bcrypt's lowest cost ({@link BCryptPasswordEncoder} accepts 4 to 31). */
    static final int COST = 4;

    private static final ContextCustomizer CUSTOMIZER = new Customizer();

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return CUSTOMIZER;
    }

    /** Replaces the application's {@link BoundedPasswordEncoder} by one over a cheap bcrypt, bounded alike. */
    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            ConfigurableListableBeanFactory beans = context.getBeanFactory();
            beans.addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (!(bean instanceof BoundedPasswordEncoder)) {
                        return bean;
                    }
                    PasswordConfiguration.HashingProperties hashing = beans.getBean(PasswordConfiguration.HashingProperties.class);
                    PasswordEncoder bcrypt = new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(COST)));
                    return new BoundedPasswordEncoder(bcrypt, hashing.concurrentOrDefault(), hashing.waitingOrDefault());
                }
            });
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
